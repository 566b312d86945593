/**
 * `attachment` (or `inline`, shown in the browser) with the original name: an ASCII fallback for old clients and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so umlauts and spaces survive.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
	const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
