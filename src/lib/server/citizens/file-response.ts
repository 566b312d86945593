import { contentDisposition } from '../storage/content-disposition';

/** Types a browser shows itself; anything else (office documents) is offered as a download at either address. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * A public file's response, with the signed-in download's safety headers (src/routes/storage/[token]): the
 * stored type (sniffed at upload) and `nosniff`, the original name, and a policy that lets the file run
 * nothing. A PDF is not sandboxed: Chromium's viewer refuses sandboxed documents.
 */
export function publicFileResponse(
	file: { bytes: Uint8Array; name: string; contentType: string },
	mode: 'inline' | 'attachment'
): Response {
	const inline = mode === 'inline' && SHOWN_INLINE.has(file.contentType);
	const sandbox = file.contentType === 'application/pdf' ? '' : '; sandbox';
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.byteLength),
			'content-disposition': contentDisposition(file.name, inline ? 'inline' : 'attachment'),
			'x-content-type-options': 'nosniff',
			'cache-control': 'no-cache',
			'content-security-policy': `default-src 'none'${sandbox}`
		}
	});
}
