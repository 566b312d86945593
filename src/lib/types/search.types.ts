// The search's types: shared by the search page (browser) and the search service (server).

/** What a search can find; `minutes` are papers that hold a meeting's minutes. */
export const SEARCH_KINDS = ['meeting', 'agenda_item', 'paper', 'minutes', 'decision', 'comment', 'file'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A piece of text and whether it matched the query (rendered as <mark>). */
export interface Segment {
	text: string;
	hit: boolean;
}

export interface SearchResult {
	kind: SearchKind;
	id: string;
	title: Segment[];
	snippet: Segment[];
	/** The date the range filter applies to (meeting start, last change, decision date …), ISO. */
	at: string;
	href: string;
	/** Context line, e.g. the meeting an agenda item belongs to, or a decision's number. */
	context: string | null;
	rank: number;
}

export interface SearchInput {
	/** Free text in web-search syntax: words, "phrases", OR, -excluded. */
	q: string;
	/** Kinds to search; empty = all. */
	kinds: SearchKind[];
	/** Inclusive date range (YYYY-MM-DD, Europe/Berlin), either end optional. */
	from?: string;
	to?: string;
}
