const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** An ASCII file name from a title: safe in every header and file system. */
export function safeFileName(title: string, extension: string): string {
	const base = title
		.replace(/[äöüÄÖÜß]/g, (c) => UMLAUTS[c] ?? c)
		.normalize('NFKD')
		.replace(/[^\w\s.-]+/g, ' ')
		.trim()
		.replace(/[\s.]+/g, '-')
		.slice(0, 80)
		.replace(/^-+|-+$/g, '');
	return `${base || 'papier'}.${extension}`;
}

/** Content-Disposition for a download: the ASCII name plus the UTF-8 original (RFC 6266 / 5987). */
export function contentDisposition(title: string, extension: string): string {
	const utf8 = encodeURIComponent(`${title.replace(/[\r\n"\\/]/g, ' ').trim() || 'papier'}.${extension}`);
	return `attachment; filename="${safeFileName(title, extension)}"; filename*=UTF-8''${utf8}`;
}
