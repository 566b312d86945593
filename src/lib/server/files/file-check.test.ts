import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors';
import { MIME } from '../storage/sniff';
import { checkUpload, cleanFileName, MAX_FILE_NAME } from './file-check';

const LIMITS = { fileSizeLimit: 25 * 1024 * 1024, allowedMimeTypes: [MIME.pdf, MIME.png] };
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

function refusalOf(run: () => unknown): ServiceError {
	try {
		run();
	} catch (error) {
		if (error instanceof ServiceError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('upload checks say what was wrong', () => {
	it('accepts a PDF with a long but allowed name, kept whole', () => {
		const name = `${'ä'.repeat(MAX_FILE_NAME - 4)}.pdf`;
		expect(checkUpload({ fileName: name, bytes: PDF }, LIMITS).name).toBe(name);
	});

	it('refuses a name over the limit as too long, not as a wrong type', () => {
		const refusal = refusalOf(() => checkUpload({ fileName: `${'a'.repeat(296)}.pdf`, bytes: PDF }, LIMITS));
		expect(refusal).toMatchObject({
			status: 400,
			messageKey: 'files.error.nameTooLong',
			params: { count: MAX_FILE_NAME }
		});
	});

	it('counts characters, not UTF-16 units, and ignores a path before the name', () => {
		expect(cleanFileName(`C:\\Users\\x\\${'😀'.repeat(200)}.pdf`)).toBe(`${'😀'.repeat(200)}.pdf`);
	});

	it('refuses a file over the bucket limit with 413 and the limit in MB', () => {
		const bytes = new Uint8Array(3 * 1024 * 1024 + 1);
		bytes.set(PDF);
		const refusal = refusalOf(() =>
			checkUpload({ fileName: 'gross.pdf', bytes }, { ...LIMITS, fileSizeLimit: 3 * 1024 * 1024 })
		);
		expect(refusal).toMatchObject({ status: 413, messageKey: 'files.error.tooLarge', params: { max: 3 } });
	});
});
