// Atom 1.0 (RFC 4287) by hand: a feed is a few elements, and escaping is the only part that needs care.

export interface AtomEntry {
	/** Absolute, permanent IRI of the entry (the resolution's page). */
	id: string;
	title: string;
	/** Absolute address of the entry's page. */
	link: string;
	published: Date;
	updated: Date;
	/** Plain text. */
	summary: string;
}

export interface AtomFeed {
	/** Absolute address of the feed itself (its id and rel="self"). */
	self: string;
	/** Absolute address of the page the feed mirrors. */
	alternate: string;
	title: string;
	author: string;
	lang: string;
	/** Newest first. */
	entries: AtomEntry[];
	/** The feed's time when it has no entries. */
	now: Date;
}

// Characters XML 1.0 does not allow at all (C0 controls but tab, newline, carriage return; lone surrogates; FFFE/FFFF).
const NOT_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for element content and attribute values. */
export function xmlText(value: string): string {
	return value
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

const stamp = (value: Date) => new Date(value).toISOString();

function entry(item: AtomEntry): string {
	return [
		'  <entry>',
		`    <id>${xmlText(item.id)}</id>`,
		`    <title type="text">${xmlText(item.title)}</title>`,
		`    <link rel="alternate" type="text/html" href="${xmlText(item.link)}"/>`,
		`    <published>${stamp(item.published)}</published>`,
		`    <updated>${stamp(item.updated)}</updated>`,
		`    <summary type="text">${xmlText(item.summary)}</summary>`,
		'  </entry>'
	].join('\n');
}

/** The feed document; `updated` is its newest entry's (entries come newest first). */
export function buildAtom(feed: AtomFeed): string {
	const updated = feed.entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), new Date(0));
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">`,
		`  <id>${xmlText(feed.self)}</id>`,
		`  <title type="text">${xmlText(feed.title)}</title>`,
		`  <updated>${stamp(feed.entries.length > 0 ? updated : feed.now)}</updated>`,
		`  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
		`  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
		`  <author><name>${xmlText(feed.author)}</name></author>`,
		'  <generator>Beirat</generator>',
		...feed.entries.map(entry),
		'</feed>',
		''
	].join('\n');
}
