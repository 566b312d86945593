import type { JSONContent } from '@tiptap/core';
import type { Tx } from '../db/types';
import type { MinutesItem, NumberedItem } from './minutes-document';
import { rolesAllowed } from '../boards/policy';

export type MinutesStatus = 'draft' | 'review' | 'approved' | 'published';

export interface MinutesRow {
	id: string;
	boardId: string;
	meetingId: string;
	paperId: string;
	amendsId: string | null;
	status: MinutesStatus;
	reviewUntil: Date | null;
	frozenAt: Date | null;
	approvedAt: Date | null;
	publishedAt: Date | null;
	finalSha256: string | null;
	createdAt: Date;
}

const COLUMNS = `id, board_id as "boardId", meeting_id as "meetingId", paper_id as "paperId", amends_id as "amendsId", status,
	review_until as "reviewUntil", frozen_at as "frozenAt", approved_at as "approvedAt", published_at as "publishedAt",
	final_sha256 as "finalSha256", created_at as "createdAt"`;

export async function listMinutesOfMeeting(tx: Tx, meetingId: string): Promise<MinutesRow[]> {
	return tx.query<MinutesRow>(`select ${COLUMNS} from public.minutes where meeting_id = $1 order by created_at`, [
		meetingId
	]);
}

export async function findMinutes(tx: Tx, input: { boardId: string; minutesId: string }): Promise<MinutesRow | null> {
	const [row] = await tx.query<MinutesRow>(`select ${COLUMNS} from public.minutes where board_id = $1 and id = $2`, [
		input.boardId,
		input.minutesId
	]);
	return row ?? null;
}

/**
 * Whether the board adopted, by a meeting vote on an item of a LATER meeting, a decision (the
 * approval item "Genehmigung des Protokolls"): the other way minutes become approved.
 */
export async function approvedByLaterMeeting(
	tx: Tx,
	input: { boardId: string; meetingId: string; itemId: string }
): Promise<boolean> {
	const rows = await tx.query(
		`select 1 from public.decision_entries e
		 join public.agenda_items i on i.id::text = e.source_id
		 join public.meetings later on later.id = i.meeting_id and later.board_id = e.board_id
		 join public.meetings this on this.id = $2
		 where e.board_id = $1 and e.source = 'meeting' and e.source_id = $3 and e.status = 'adopted'
		   and later.starts_at > this.starts_at`,
		[input.boardId, input.meetingId, input.itemId]
	);
	return rows.length > 0;
}

/** Decision items of the board's later meetings: candidates for the approval item. */
export async function listLaterDecisionItems(
	tx: Tx,
	input: { boardId: string; meetingId: string }
): Promise<{ id: string; title: string; meetingTitle: string }[]> {
	return tx.query(
		`select i.id, i.title, later.title as "meetingTitle" from public.agenda_items i
		 join public.meetings later on later.id = i.meeting_id and later.board_id = $1
		 join public.meetings this on this.id = $2
		 where i.kind = 'decision' and later.starts_at > this.starts_at order by later.starts_at, i.position limit 50`,
		[input.boardId, input.meetingId]
	);
}

export interface MeetingFacts {
	id: string;
	boardId: string;
	title: string;
	startsAt: Date;
}

export async function findMeeting(tx: Tx, input: { boardId: string; meetingId: string }): Promise<MeetingFacts | null> {
	const [row] = await tx.query<MeetingFacts>(
		`select id, board_id as "boardId", title, starts_at as "startsAt" from public.meetings where board_id = $1 and id = $2`,
		[input.boardId, input.meetingId]
	);
	return row ?? null;
}

export async function listAgendaItems(tx: Tx, meetingId: string): Promise<MinutesItem[]> {
	return tx.query<MinutesItem>(
		`select i.id, i.title, i.is_sub_item as "isSubItem", i.kind, i.is_public as "isPublic",
			coalesce(nullif(i.presenter_text, ''), p.display_name) as presenter
		 from public.agenda_items i left join public.profiles p on p.user_id = i.presenter_user_id
		 where i.meeting_id = $1 order by i.position`,
		[meetingId]
	);
}

/** Recorded attendance with names, present first. */
export async function listAttendanceNames(tx: Tx, meetingId: string): Promise<{ name: string; present: boolean }[]> {
	return tx.query(
		`select p.display_name as name, a.present from public.meeting_attendance a
		 join public.profiles p on p.user_id = a.user_id where a.meeting_id = $1 order by p.display_name`,
		[meetingId]
	);
}

/** Chair and deputies of the board: they may edit the minutes paper. */
export async function listChairs(tx: Tx, boardId: string): Promise<string[]> {
	const rows = await tx.query<{ userId: string }>(
		`select user_id as "userId" from public.memberships where board_id = $1 and active and role = any($2::text[]::public.board_role[])`,
		[boardId, rolesAllowed('minutes.approve')]
	);
	return rows.map((r) => r.userId);
}

export async function insertMinutes(
	tx: Tx,
	input: { boardId: string; meetingId: string; paperId: string; amendsId: string | null; formToken?: string | null }
): Promise<{ id: string }> {
	const [row] = await tx.query<{ id: string }>(
		`insert into public.minutes (board_id, meeting_id, paper_id, amends_id, created_by, form_token) values ($1, $2, $3, $4, (select auth.uid()), $5) returning id`,
		[input.boardId, input.meetingId, input.paperId, input.amendsId, input.formToken ?? null]
	);
	return row!;
}

/** The minutes a create or amend form's token made, as the current person sees them. */
export async function minutesOfFormToken(
	tx: Tx,
	formToken: string | null | undefined
): Promise<{ id: string; meetingId: string; paperId: string; amendsId: string | null } | null> {
	if (!formToken) return null;
	const [row] = await tx.query<{ id: string; meetingId: string; paperId: string; amendsId: string | null }>(
		`select id, meeting_id as "meetingId", paper_id as "paperId", amends_id as "amendsId" from public.minutes where form_token = $1`,
		[formToken]
	);
	return row ?? null;
}

export async function insertSections(
	tx: Tx,
	input: { minutesId: string; boardId: string; items: NumberedItem[] }
): Promise<void> {
	// As JSON text: both drivers pass it the same way (no driver-side array encoding).
	const rows = input.items.map((i, position) => ({
		item_id: i.id,
		position,
		number: i.number,
		title: i.title,
		is_public: i.isPublic,
		is_decision: i.kind === 'decision'
	}));
	await tx.query(
		`insert into public.minutes_sections (minutes_id, board_id, item_id, position, number, title, is_public, is_decision)
		 select $1, $2, s.item_id, s.position, s.number, s.title, s.is_public, s.is_decision
		 from jsonb_to_recordset($3::text::jsonb) as s(item_id uuid, position integer, number text, title text, is_public boolean, is_decision boolean)`,
		[input.minutesId, input.boardId, JSON.stringify(rows)]
	);
}

export interface SectionRow {
	itemId: string | null;
	number: string;
	title: string;
	isPublic: boolean;
	isDecision: boolean;
}

export async function listSections(tx: Tx, minutesId: string): Promise<SectionRow[]> {
	return tx.query<SectionRow>(
		`select item_id as "itemId", number, title, is_public as "isPublic", is_decision as "isDecision"
		 from public.minutes_sections where minutes_id = $1 order by position`,
		[minutesId]
	);
}

/** Moves the status; false when the row was not in `from` (a concurrent change) or not writable. */
export async function setStatus(
	tx: Tx,
	input: { minutesId: string; from: MinutesStatus[]; to: MinutesStatus; reviewUntil?: Date | null }
): Promise<boolean> {
	const rows = await tx.query(
		`update public.minutes set status = $3::public.minutes_status, review_until = coalesce($4::timestamptz, review_until),
			published_at = case when $3::public.minutes_status = 'published' then now() else published_at end
		 where id = $1 and status = any($2::text::public.minutes_status[]) returning id`,
		[input.minutesId, `{${input.from.join(',')}}`, input.to, input.reviewUntil ?? null]
	);
	return rows.length > 0;
}

export async function freeze(tx: Tx, minutesId: string): Promise<void> {
	await tx.query(`update public.minutes set frozen_at = coalesce(frozen_at, now()) where id = $1`, [minutesId]);
}

export async function storeFinal(
	tx: Tx,
	input: { minutesId: string; state: Uint8Array; json: JSONContent; text: string; sha256: string }
): Promise<void> {
	await tx.query(
		`update public.minutes set status = 'approved', approved_at = now(), approved_by = (select auth.uid()),
			final_state = $2, final_json = $3::text::jsonb, final_text = $4, final_sha256 = $5
		 where id = $1 and final_sha256 is null`,
		[input.minutesId, Buffer.from(input.state), JSON.stringify(input.json), input.text, input.sha256]
	);
}

export async function findFinal(
	tx: Tx,
	minutesId: string
): Promise<{ json: JSONContent; text: string; sha256: string } | null> {
	const [row] = await tx.query<{ json: JSONContent; text: string; sha256: string }>(
		`select final_json as json, final_text as text, final_sha256 as sha256 from public.minutes where id = $1 and final_sha256 is not null`,
		[minutesId]
	);
	return row ?? null;
}

export async function insertPublicCopy(
	tx: Tx,
	input: { minutesId: string; boardId: string; meetingId: string; content: JSONContent }
): Promise<void> {
	await tx.query(
		`insert into public.minutes_public_copies (minutes_id, board_id, meeting_id, content) values ($1, $2, $3, $4::text::jsonb)
		 on conflict (minutes_id) do nothing`,
		[input.minutesId, input.boardId, input.meetingId, JSON.stringify(input.content)]
	);
}

export async function findPublicCopy(
	tx: Tx,
	meetingId: string
): Promise<{ minutesId: string; content: JSONContent }[]> {
	return tx.query(`select minutes_id as "minutesId", content from public.minutes_public_copies where meeting_id = $1`, [
		meetingId
	]);
}

/** Records a decision once; true when it was new. */
export async function insertMinutesDecision(
	tx: Tx,
	input: { minutesId: string; boardId: string; itemId: string; text: string }
): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.minutes_decisions (minutes_id, board_id, item_id, text) values ($1, $2, $3, $4)
		 on conflict (minutes_id, item_id) do nothing returning item_id`,
		[input.minutesId, input.boardId, input.itemId, input.text]
	);
	return rows.length > 0;
}

export interface MinutesDecisionRow {
	itemId: string;
	text: string;
	/** The item's entry in the decision log as it stands now (latest revision), when readable. */
	number: string | null;
	status: string | null;
	voteResult: { yes?: number; no?: number; abstain?: number; unanimous?: boolean; consensus?: boolean } | null;
}

/** Decisions taken from these minutes, with the log entry they became (new, or revised from a meeting vote). */
export async function listMinutesDecisions(tx: Tx, minutesId: string): Promise<MinutesDecisionRow[]> {
	return tx.query<MinutesDecisionRow>(
		`select d.item_id as "itemId", d.text, e.number, e.status, e.vote_result as "voteResult"
		 from public.minutes_decisions d
		 left join public.decision_entries m on m.board_id = d.board_id and m.source = 'minutes' and m.source_id = d.minutes_id::text || ':' || d.item_id::text
		 left join lateral (select x.number, x.status, x.vote_result from public.decision_entries x
		   where x.board_id = m.board_id and x.number = m.number order by x.revision desc limit 1) e on true
		 where d.minutes_id = $1 order by d.created_at, d.item_id`,
		[minutesId]
	);
}

/** Results recorded in the meeting (meeting votes) for its decision items. */
export async function listRecordedResults(
	tx: Tx,
	meetingId: string
): Promise<{ itemId: string; yes: number; no: number; abstain: number; status: 'adopted' | 'rejected' }[]> {
	return tx.query(
		`select item_id as "itemId", yes_count as yes, no_count as no, abstain_count as abstain, status from public.votes
		 where meeting_id = $1 and kind = 'meeting' and item_id is not null and yes_count is not null and status in ('adopted', 'rejected')`,
		[meetingId]
	);
}

/** Members (not guests) to tell about a review, with their language. */
export async function listReviewers(
	tx: Tx,
	boardId: string
): Promise<{ userId: string; email: string; displayName: string; locale: string }[]> {
	return tx.query(
		`select p.user_id as "userId", p.email, p.display_name as "displayName", p.locale from public.memberships m
		 join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and m.active and m.role = any($2::text[]::public.board_role[]) and m.user_id <> (select auth.uid())`,
		[boardId, rolesAllowed('board.read')]
	);
}

/** Comment threads on the minutes' text nobody has resolved yet. */
export async function openThreadCount(tx: Tx, paperId: string): Promise<number> {
	const [row] = await tx.query<{ count: number }>(
		`select count(*)::int as count from public.comment_threads where paper_id = $1 and resolved_at is null`,
		[paperId]
	);
	return row?.count ?? 0;
}

/** The SHA-256 of each block meeting mode wrote into the minutes text, by block key (minutes assistance). */
export async function listRecordBlocks(tx: Tx, minutesId: string): Promise<Map<string, string>> {
	const rows = await tx.query<{ key: string; hash: string }>(
		`select block_key as key, text_sha256 as hash from public.minutes_record_blocks where minutes_id = $1`,
		[minutesId]
	);
	return new Map(rows.map((r) => [r.key, r.hash]));
}

/** Remembers the blocks now in the text (and forgets the ones removed). */
export async function saveRecordBlocks(
	tx: Tx,
	input: { minutesId: string; boardId: string; blocks: Map<string, string> }
): Promise<void> {
	const keys = [...input.blocks.keys()];
	await tx.query(
		`delete from public.minutes_record_blocks where minutes_id = $1 and not (block_key = any($2::text[]))`,
		[input.minutesId, keys]
	);
	for (const [key, hash] of input.blocks)
		await tx.query(
			`insert into public.minutes_record_blocks (minutes_id, board_id, block_key, text_sha256) values ($1, $2, $3, $4)
			 on conflict (minutes_id, block_key) do update set text_sha256 = excluded.text_sha256, written_at = now()
			 where public.minutes_record_blocks.text_sha256 <> excluded.text_sha256`,
			[input.minutesId, input.boardId, key, hash]
		);
}
