import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors';
import { readUploadForm } from './file-http';

const oversized = async () => new ServiceError(413, 'files.error.requestTooLarge', { max: 25 });

/** A multipart request whose body fails while being read, the way adapter-node fails it. */
function failingRequest(reason: unknown): Request {
	const body = new ReadableStream({ start: (controller) => controller.error(reason) });
	return new Request('http://app.test/upload', {
		method: 'POST',
		body,
		duplex: 'half',
		headers: { 'content-type': 'multipart/form-data; boundary=x' }
	} as RequestInit);
}

async function refusalOf(promise: Promise<unknown>): Promise<ServiceError> {
	const error = await promise.then(
		() => new Error('expected a refusal'),
		(e: unknown) => e
	);
	if (error instanceof ServiceError) return error;
	throw error;
}

describe('readUploadForm', () => {
	it('reads a multipart upload', async () => {
		const form = new FormData();
		form.append('file', new File(['%PDF-1.7'], 'a.pdf'));
		const data = await readUploadForm(new Request('http://app.test/upload', { method: 'POST', body: form }), oversized);
		expect((data.get('file') as File).name).toBe('a.pdf');
	});

	it('says the size limit when the body is over the server limit (413 from the adapter)', async () => {
		const tooLarge = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), { status: 413 });
		expect(await refusalOf(readUploadForm(failingRequest(tooLarge), oversized))).toMatchObject({
			status: 413,
			messageKey: 'files.error.requestTooLarge',
			params: { max: 25 }
		});
	});

	it('calls a body that breaks off or is not multipart unreadable, not "choose a file"', async () => {
		expect(await refusalOf(readUploadForm(failingRequest(new Error('aborted')), oversized))).toMatchObject({
			status: 400,
			messageKey: 'files.error.unreadable'
		});
		const garbage = new Request('http://app.test/upload', {
			method: 'POST',
			body: 'kein multipart',
			headers: { 'content-type': 'multipart/form-data; boundary=x' }
		});
		expect(await refusalOf(readUploadForm(garbage, oversized))).toMatchObject({
			status: 400,
			messageKey: 'files.error.unreadable'
		});
	});
});
