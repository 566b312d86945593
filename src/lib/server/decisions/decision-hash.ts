import { createHash } from 'node:crypto';

/** Stable JSON: object keys sorted, no whitespace; identical on every database because it runs here. */
export function canonicalJson(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** The fields of an entry that the hash covers (timestamps as ISO strings, dates as YYYY-MM-DD). */
export interface HashedEntry {
	boardId: string;
	seq: number;
	number: string;
	revision: number;
	previousId: string | null;
	change: string;
	title: string;
	resolution: string;
	meetingId: string | null;
	agendaItemId: string | null;
	kind: string;
	voteResult: object;
	status: string;
	supersededBy: string | null;
	supersedes: string | null;
	responsible: string | null;
	dueDate: string | null;
	paperIds: string[];
	source: string;
	sourceId: string | null;
	isPublic: boolean;
	recordedBy: string | null;
	recordedAt: string;
	prevHash: string;
}

export function entryHash(entry: HashedEntry): string {
	const content = { ...entry, paperIds: [...entry.paperIds].sort(), seq: Number(entry.seq) };
	return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** "2026/07": two digits at least, more once a year passes 99 decisions. */
export function formatNumber(year: number, n: number): string {
	return `${year}/${String(n).padStart(2, '0')}`;
}

/** The URL form of a number: "2026/07" <-> "2026-07". */
export function numberToSlug(number: string): string {
	return number.replace('/', '-');
}

export function slugToNumber(slug: string): string | null {
	return /^\d{4}-\d{2,}$/.test(slug) ? slug.replace('-', '/') : null;
}
