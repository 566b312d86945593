import type { Database } from '$lib/server/db/types';
import { searchService } from '$lib/server/services';
import type { SearchInput, SearchResult } from '$lib/types/search.types';
import type { TestBoard, TestUser } from './index';
import { requestTo } from '../support/app-context';
import { boardAs } from './meetings';

/** Searches `board` as `user` through the real service (board resolved under the user's RLS). */
export async function searchAs(
	db: Database,
	input: { user: TestUser; board: TestBoard } & Partial<SearchInput>
): Promise<SearchResult[]> {
	const { user, board, ...rest } = input;
	const service = searchService(await requestTo(db, user));
	return service.search(await boardAs(db, user, board), { q: '', kinds: [], ...rest });
}

/** Plain text of a result's title or snippet; hits wrapped in [brackets]. */
export const marked = (segments: SearchResult['snippet']) =>
	segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

/** A comment on a paper (as the database owner). */
export async function createComment(
	db: Database,
	input: { paperId: string; author: TestUser; body: string }
): Promise<{ id: string }> {
	return db.ownerTransaction(async (tx) => {
		const [thread] = await tx.query<{ id: string }>(
			`insert into public.comment_threads (paper_id, quote, created_by) values ($1, '', $2) returning id`,
			[input.paperId, input.author.id]
		);
		const [comment] = await tx.query<{ id: string }>(
			`insert into public.comments (thread_id, author_id, body) values ($1, $2, $3) returning id`,
			[thread!.id, input.author.id, input.body]
		);
		return comment!;
	});
}

/** Makes a paper the minutes of a meeting (as the database owner). */
export async function makeMinutes(
	db: Database,
	input: { boardId: string; meetingId: string; paperId: string }
): Promise<void> {
	await db.ownerTransaction((tx) =>
		tx.query(`insert into public.minutes (board_id, meeting_id, paper_id) values ($1, $2, $3)`, [
			input.boardId,
			input.meetingId,
			input.paperId
		])
	);
}
