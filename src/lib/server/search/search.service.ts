import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import { numberToSlug } from '../decisions/decision-hash';
import { toSegments } from './highlight';
import { hasFilesTable, search, type SearchRow } from './search.repository';
import { MAX_RESULTS, parseSearch } from './search.schema';
import type { SearchInput, SearchResult } from '$lib/types/search.types';

export interface SearchServiceDeps {
	/** The request's database handle: the search runs under the person's RLS. */
	db: ScopedDb;
	/** The signed-in person, or null for a signed-out visitor (refused). */
	actor: { userId: string } | null;
}

/** Where a hit lives in the app. */
export function hrefOf(boardSlug: string, row: Pick<SearchRow, 'kind' | 'id' | 'ref' | 'number'>): string {
	const base = `/b/${boardSlug}`;
	switch (row.kind) {
		case 'meeting':
			return `${base}/meetings/${row.id}`;
		case 'agenda_item':
			return `${base}/meetings/${row.ref}#agenda-item-${row.id}`;
		case 'minutes':
			return `${base}/meetings/${row.ref}/minutes`;
		case 'decision':
			return `${base}/decisions/${numberToSlug(row.number ?? '')}`;
		case 'comment':
			return `${base}/papers/${row.ref}/comments`;
		case 'file':
			return `${base}/files/${row.id}`;
		default:
			return `${base}/papers/${row.id}`;
	}
}

function toResult(boardSlug: string, row: SearchRow): SearchResult {
	return {
		kind: row.kind,
		id: row.id,
		title: toSegments(row.title),
		snippet: toSegments(row.snippet),
		at: new Date(row.at).toISOString(),
		href: hrefOf(boardSlug, row),
		context: row.kind === 'decision' ? row.number : row.context,
		rank: Number(row.rank)
	};
}

export function createSearchService({ db, actor }: SearchServiceDeps) {
	return {
		/** Ranked hits in one board, only what the person may read (RLS), best first. */
		async search(board: BoardContext, input: SearchInput): Promise<SearchResult[]> {
			if (!actor) throw new ServiceError(401, 'error.unauthenticated');
			if (!allowed(board, 'search.use')) throw forbidden();
			const parsed = parseSearch(input);
			if (!parsed.ok) throw new ServiceError(400, parsed.errors[0]!);
			const { q, kinds, from, to } = parsed.input;
			const rows = await db.run(async (tx) =>
				search(tx, {
					q,
					boardId: board.id,
					kinds,
					from: from ?? null,
					to: to ?? null,
					limit: MAX_RESULTS,
					withFiles: await hasFilesTable(tx)
				})
			);
			return rows.map((row) => toResult(board.slug, row));
		}
	};
}
