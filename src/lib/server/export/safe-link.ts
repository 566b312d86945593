// Links leave the app in exports (Markdown, DOCX, PDF), where no editor setting guards them any
// more: a `javascript:` or `data:` link written into a document (by a crafted collaboration update
// or an import) would run in whatever opens the file. Exports keep only web and mail links.

const EXPORTED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link target as it may appear in an export, or null when the link is to be dropped (its text
 * stays). Parsed like a browser would, so tabs, newlines, upper case or leading spaces in the
 * scheme (`java\tscript:`, ` JavaScript:`) change nothing; relative targets have no meaning
 * outside the app and are dropped too.
 */
export function exportableHref(href: unknown): string | null {
	if (typeof href !== 'string' || !href.trim()) return null;
	let url: URL;
	try {
		url = new URL(href);
	} catch {
		return null;
	}
	return EXPORTED_PROTOCOLS.has(url.protocol) ? url.href : null;
}
