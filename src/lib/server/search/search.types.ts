import type { SearchKind } from '$lib/components/search/search-model';

export { SEARCH_KINDS, type SearchKind, type SearchResult, type Segment } from '$lib/components/search/search-model';

export const MAX_QUERY_LENGTH = 200;
export const MAX_RESULTS = 50;

export interface SearchInput {
	/** Free text in web-search syntax: words, "phrases", OR, -excluded. */
	q: string;
	/** Kinds to search; empty = all. */
	kinds: SearchKind[];
	/** Inclusive date range (YYYY-MM-DD, Europe/Berlin), either end optional. */
	from?: string;
	to?: string;
}
