import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { LocalStorage } from '$lib/server/storage/local';
import { contentDisposition } from '$lib/server/storage/content-disposition';
import type { RequestHandler } from './$types';

/**
 * Signed download links of the local storage adapter: the token is the credential (bound to one
 * object name and version, short expiry), so this path is public in hooks.server.ts.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const storage = locals.app.storage;
	if (storage.kind !== 'local') error(404, translate(locals.locale, 'error.notFound'));
	const opened = await (storage as LocalStorage).openSigned(params.token);
	if (!opened.ok) {
		if (opened.reason === 'expired') error(410, translate(locals.locale, 'files.error.linkExpired'));
		if (opened.reason === 'missing') error(404, translate(locals.locale, 'files.error.missing'));
		error(403, translate(locals.locale, 'files.error.linkInvalid'));
	}
	return new Response(new Uint8Array(opened.bytes), {
		headers: {
			'content-type': opened.payload.t,
			'content-length': String(opened.bytes.byteLength),
			'content-disposition': contentDisposition(opened.payload.f),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
