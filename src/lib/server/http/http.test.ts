import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import type { BoardContext } from '../boards/policy';
import { ServiceError } from '../errors';
import {
	attempt,
	boardFormAction,
	boardPage,
	customBoardAction,
	formAction,
	idParam,
	jsonEndpoint,
	jsonRefusal,
	pageData,
	readForm
} from './index';

const board: BoardContext = {
	id: '00000000-0000-4000-8000-000000000001',
	slug: 'beirat',
	name: 'Beirat',
	role: 'member'
};
// The route guard in hooks.server.ts resolved the board already: loadBoard answers from locals without a query.
const locals = { locale: 'de', board } as App.Locals;

function post(fields: Record<string, string>) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	return new Request('http://localhost/b/beirat/x', { method: 'POST', body });
}
const event = (fields: Record<string, string> = {}) => ({
	request: post(fields),
	locals,
	params: { board: 'beirat', id: 'x' }
});
const schema = z.object({ title: z.string().trim().min(1).max(10) });
const refused = new ServiceError(409, 'error.stillReferenced');

async function thrown(work: () => unknown) {
	try {
		await work();
	} catch (error) {
		return error;
	}
	throw new Error('nothing was thrown');
}

describe('page loads', () => {
	it('shows a service refusal as the error page in the reader language', async () => {
		const error = await thrown(() => pageData(locals, () => Promise.reject(new ServiceError(403, 'error.forbidden'))));
		expect(isHttpError(error) && error.status).toBe(403);
		expect(isHttpError(error) && error.body.message).toBe(translate('de', 'error.forbidden'));
	});

	it('passes anything else unchanged', async () => {
		const bug = new TypeError('bug');
		expect(await thrown(() => pageData(locals, () => Promise.reject(bug)))).toBe(bug);
	});

	it('gives a board page the board of its layout', async () => {
		const seen = await boardPage({ locals, parent: async () => ({ board }) }, async (b) => b.slug);
		expect(seen).toBe('beirat');
	});

	it('answers an id that is no uuid with 404 before any query', async () => {
		const error = await thrown(() => idParam(locals, 'not-a-uuid'));
		expect(isHttpError(error) && error.status).toBe(404);
		expect(idParam(locals, board.id)).toBe(board.id);
	});
});

describe('form actions', () => {
	it('answers a success with its form tag, the translated message and extra fields', async () => {
		const result = await boardFormAction({
			event: event({ title: 'Neu' }),
			schema,
			done: 'create',
			message: 'members.revoked',
			run: async (b, data) => `${b.slug}:${data.title}`,
			extra: (made) => ({ made })
		});
		expect(result).toEqual({ done: 'create', message: translate('de', 'members.revoked'), made: 'beirat:Neu' });
	});

	it('refuses a form that does not parse with 400, field errors and the values back', async () => {
		let called = false;
		const result = await boardFormAction({
			event: event({ title: '' }),
			schema,
			done: 'create',
			run: async () => (called = true)
		});
		expect(isActionFailure(result) && result.status).toBe(400);
		expect(isActionFailure(result) && result.data).toEqual({
			values: { title: '' },
			errors: { title: translate('de', 'validation.required') }
		});
		expect(called).toBe(false);
	});

	it('answers a service refusal with its status and message, keeping the values asked for', async () => {
		const result = await boardFormAction({
			event: event({ title: 'Neu' }),
			schema,
			done: 'create',
			run: () => Promise.reject(refused),
			keep: 'form'
		});
		expect(isActionFailure(result) && result.status).toBe(409);
		expect(isActionFailure(result) && result.data).toEqual({
			values: { title: 'Neu' },
			message: translate('de', 'error.stillReferenced')
		});
	});

	it('refuses what the policy does not allow before the service is called', async () => {
		let called = false;
		const result = await boardFormAction({
			event: event(),
			done: 'save',
			policy: 'board.configure',
			run: async () => (called = true)
		});
		expect(isActionFailure(result) && result.status).toBe(403);
		expect(called).toBe(false);
	});

	it('sets the address values on the form before parsing, and redirects after success', async () => {
		const error = await thrown(() =>
			boardFormAction({
				event: event({ title: 'Neu' }),
				schema: schema.extend({ paperId: z.string() }),
				fields: { paperId: 'p1' },
				done: true,
				run: async (_b, data) => data.paperId,
				redirect: (id, b) => `/b/${b.slug}/papers/${id}`
			})
		);
		expect(isRedirect(error) && error.location).toBe('/b/beirat/papers/p1');
	});

	it('does not read the form of an action without a schema', async () => {
		const request = post({ title: 'x' });
		const result = await formAction({ event: { request, locals }, done: 'go', run: async () => 1 });
		expect(result).toEqual({ done: 'go' });
		expect(request.bodyUsed).toBe(false);
	});

	it('lets an action of a particular shape answer its own way, with refusals answered alike', async () => {
		const ok = await customBoardAction(event(), async (b) => ({ done: 'x', slug: b.slug }));
		expect(ok).toEqual({ done: 'x', slug: 'beirat' });
		const failed = await customBoardAction(event(), async (): Promise<{ done: string }> => Promise.reject(refused), {
			title: 'kept'
		});
		expect(isActionFailure(failed) && failed.data).toEqual({
			values: { title: 'kept' },
			message: translate('de', 'error.stillReferenced')
		});
		const bug = new TypeError('bug');
		expect(await thrown(() => customBoardAction(event(), () => Promise.reject(bug)))).toBe(bug);
	});

	it('hands a refusal to routes that shape it themselves', async () => {
		expect(await attempt('de', async () => 3)).toEqual({ ok: true, value: 3 });
		expect(await attempt('de', () => Promise.reject(refused))).toEqual({
			ok: false,
			status: 409,
			message: translate('de', 'error.stillReferenced')
		});
	});
});

describe('JSON endpoints', () => {
	it('answers a refusal as JSON { message } with its status and the given headers', async () => {
		const response = jsonRefusal(new ServiceError(404, 'error.notFound'), 'en', { 'cache-control': 'no-store' });
		expect(response.status).toBe(404);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({ message: translate('en', 'error.notFound') });
	});

	it('runs the work and rethrows anything that is not a refusal', async () => {
		const response = await jsonEndpoint('de', () => Promise.reject(new ServiceError(413, 'error.notFound')));
		expect(response.status).toBe(413);
		const bug = new TypeError('bug');
		expect(await thrown(() => jsonEndpoint('de', () => Promise.reject(bug)))).toBe(bug);
	});
});

describe('readForm', () => {
	const multipart = (body: string) =>
		new Request('http://test/x', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=b' },
			body
		});

	it('reads a well-formed form', async () => {
		const form = await readForm(
			multipart('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n'),
			'en'
		);
		expect(form.get('a')).toBe('1');
	});

	it('refuses a broken body with 400 and a sentence in the reader language', async () => {
		const thrown = await readForm(multipart('--b\r\nno end'), 'de').catch((e: unknown) => e);
		expect(isHttpError(thrown, 400)).toBe(true);
		expect((thrown as { body: { message: string } }).body.message).toBe(translate('de', 'error.unreadableForm'));
	});

	it('keeps the 413 of a body over the size limit', async () => {
		const tooLarge = Object.assign(new Error('Content-length of 9 exceeds limit of 1 bytes.'), { status: 413 });
		const request = { formData: () => Promise.reject(tooLarge) } as unknown as Request;
		await expect(readForm(request, 'de')).rejects.toBe(tooLarge);
	});
});
