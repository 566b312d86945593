import type { Tx } from '../db/types';
import type { CheckinMode, LiveItemTime, LiveSpeaker } from '$lib/types/live.types';

export interface LiveRow {
	startedAt: Date;
	endedAt: Date | null;
	currentItemId: string | null;
	itemStartedAt: Date | null;
	speakingSeconds: number;
}

export async function findLive(tx: Tx, meetingId: string, forUpdate = false): Promise<LiveRow | null> {
	const [row] = await tx.query<LiveRow>(
		`select started_at as "startedAt", ended_at as "endedAt", current_item_id as "currentItemId",
		 item_started_at as "itemStartedAt", speaking_seconds as "speakingSeconds"
		 from public.meeting_live where meeting_id = $1${forUpdate ? ' for update' : ''}`,
		[meetingId]
	);
	return row ?? null;
}

/** Starts meeting mode, or reopens it after it ended; true when something changed. */
export async function startLive(tx: Tx, input: { meetingId: string; boardId: string }): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.meeting_live (meeting_id, board_id, started_by) values ($1, $2, (select auth.uid()))
		 on conflict (meeting_id) do update set ended_at = null where public.meeting_live.ended_at is not null
		 returning meeting_id`,
		[input.meetingId, input.boardId]
	);
	return rows.length > 0;
}

export async function updateLive(
	tx: Tx,
	meetingId: string,
	set: { endedAt?: 'now'; currentItemId?: string | null; speakingSeconds?: number }
): Promise<void> {
	const parts: string[] = [];
	const values: unknown[] = [meetingId];
	if (set.endedAt) parts.push('ended_at = now()');
	if (set.currentItemId !== undefined) {
		values.push(set.currentItemId);
		parts.push(
			`current_item_id = $${values.length}`,
			`item_started_at = case when $${values.length}::uuid is null then null else now() end`
		);
	}
	if (set.speakingSeconds !== undefined) {
		values.push(set.speakingSeconds);
		parts.push(`speaking_seconds = $${values.length}`);
	}
	if (parts.length) await tx.query(`update public.meeting_live set ${parts.join(', ')} where meeting_id = $1`, values);
}

export type LogKind = 'started' | 'ended' | 'item_started' | 'item_ended' | 'arrived' | 'left';

export async function appendLog(
	tx: Tx,
	input: {
		meetingId: string;
		boardId: string;
		kind: LogKind;
		itemId?: string | null;
		userId?: string | null;
		detail?: string;
	}
): Promise<void> {
	await tx.query(
		`insert into public.meeting_live_log (meeting_id, board_id, kind, item_id, user_id, detail) values ($1, $2, $3, $4, $5, $6)`,
		[input.meetingId, input.boardId, input.kind, input.itemId ?? null, input.userId ?? null, input.detail ?? '']
	);
}

export interface LogRow {
	at: Date;
	kind: LogKind;
	itemId: string | null;
	userId: string | null;
	name: string | null;
	detail: string;
}

/** The log in time order, with names (minutes assistance). */
export async function listLog(tx: Tx, meetingId: string): Promise<LogRow[]> {
	return tx.query<LogRow>(
		`select l.at, l.kind, l.item_id as "itemId", l.user_id as "userId", p.display_name as name, l.detail
		 from public.meeting_live_log l left join public.profiles p on p.user_id = l.user_id
		 where l.meeting_id = $1 order by l.at, l.id`,
		[meetingId]
	);
}

/** Start and end of each item from the log (first start, last end). */
export async function listItemTimes(tx: Tx, meetingId: string): Promise<LiveItemTime[]> {
	return tx.query<LiveItemTime>(
		`select item_id as "itemId",
		   to_char(min(at) filter (where kind = 'item_started') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startedAt",
		   to_char(max(at) filter (where kind = 'item_ended') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "endedAt"
		 from public.meeting_live_log where meeting_id = $1 and item_id is not null group by item_id`,
		[meetingId]
	);
}

export interface CheckinRow {
	userId: string;
	mode: CheckinMode;
	arrivedAt: Date;
	leftAt: Date | null;
}

export async function listCheckins(tx: Tx, meetingId: string): Promise<CheckinRow[]> {
	return tx.query<CheckinRow>(
		`select user_id as "userId", mode, arrived_at as "arrivedAt", left_at as "leftAt"
		 from public.meeting_checkins where meeting_id = $1`,
		[meetingId]
	);
}

/** Checks in (or back in, or switches mode); null when nothing changed, else whether it was an arrival. */
export async function checkIn(
	tx: Tx,
	input: { meetingId: string; boardId: string; userId: string; mode: CheckinMode }
): Promise<'arrived' | 'mode' | null> {
	const [before] = await tx.query<{ mode: CheckinMode; gone: boolean }>(
		`select mode, left_at is not null as gone from public.meeting_checkins where meeting_id = $1 and user_id = $2 for update`,
		[input.meetingId, input.userId]
	);
	if (before && !before.gone && before.mode === input.mode) return null;
	await tx.query(
		`insert into public.meeting_checkins (meeting_id, user_id, board_id, mode, recorded_by) values ($1, $2, $3, $4, (select auth.uid()))
		 on conflict (meeting_id, user_id) do update set mode = excluded.mode, left_at = null, recorded_by = excluded.recorded_by`,
		[input.meetingId, input.userId, input.boardId, input.mode]
	);
	return before && !before.gone ? 'mode' : 'arrived';
}

/** Records a departure; false when the person was not there. */
export async function checkOut(tx: Tx, input: { meetingId: string; userId: string }): Promise<boolean> {
	const rows = await tx.query(
		`update public.meeting_checkins set left_at = now(), recorded_by = (select auth.uid())
		 where meeting_id = $1 and user_id = $2 and left_at is null returning user_id`,
		[input.meetingId, input.userId]
	);
	return rows.length > 0;
}

export async function listSpeakers(tx: Tx, itemId: string): Promise<LiveSpeaker[]> {
	return tx.query<LiveSpeaker>(
		`select s.id, s.user_id as "userId", coalesce(p.display_name, '') as name, s.state, s.position,
		   to_char(s.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startedAt"
		 from public.meeting_speakers s left join public.profiles p on p.user_id = s.user_id
		 where s.item_id = $1 and s.state <> 'withdrawn'
		 order by case s.state when 'speaking' then 0 when 'waiting' then 1 else 2 end, s.position`,
		[itemId]
	);
}

/** Adds a hand to the item's list; raising it twice keeps the first (unique open request). */
export async function addSpeaker(
	tx: Tx,
	input: { meetingId: string; boardId: string; itemId: string; userId: string }
): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.meeting_speakers (meeting_id, item_id, board_id, user_id, position)
		 select $1, $2, $3, $4, coalesce(max(position), 0) + 1 from public.meeting_speakers where item_id = $2
		 on conflict (item_id, user_id) where state in ('waiting', 'speaking') do nothing returning id`,
		[input.meetingId, input.itemId, input.boardId, input.userId]
	);
	return rows.length > 0;
}

export interface SpeakerRow {
	id: string;
	itemId: string;
	userId: string;
	state: string;
	position: number;
}

export async function findSpeaker(tx: Tx, meetingId: string, speakerId: string): Promise<SpeakerRow | null> {
	const [row] = await tx.query<SpeakerRow>(
		`select id, item_id as "itemId", user_id as "userId", state, position from public.meeting_speakers
		 where id = $1 and meeting_id = $2`,
		[speakerId, meetingId]
	);
	return row ?? null;
}

export async function setSpeakerState(
	tx: Tx,
	speakerId: string,
	state: 'speaking' | 'done' | 'withdrawn'
): Promise<void> {
	await tx.query(
		`update public.meeting_speakers set state = $2,
		   started_at = case when $2 = 'speaking' then now() else started_at end,
		   ended_at = case when $2 = 'done' then now() else ended_at end
		 where id = $1`,
		[speakerId, state]
	);
}

/** Ends whoever is speaking on the item. */
export async function endTurns(tx: Tx, itemId: string): Promise<void> {
	await tx.query(
		`update public.meeting_speakers set state = 'done', ended_at = now() where item_id = $1 and state = 'speaking'`,
		[itemId]
	);
}

/** Swaps a waiting speaker with the waiting neighbour before (-1) or after (1). */
export async function moveSpeaker(tx: Tx, speaker: SpeakerRow, direction: -1 | 1): Promise<void> {
	const [other] = await tx.query<{ id: string; position: number }>(
		`select id, position from public.meeting_speakers where item_id = $1 and state = 'waiting'
		 and ${direction < 0 ? 'position < $2 order by position desc' : 'position > $2 order by position'} limit 1 for update`,
		[speaker.itemId, speaker.position]
	);
	if (!other) return;
	await tx.query(
		`update public.meeting_speakers set position = case id when $1 then $3::int when $2 then $4::int end where id in ($1, $2)`,
		[speaker.id, other.id, other.position, speaker.position]
	);
}

/**
 * The database clock in ms with its microseconds (a fraction): the order of live pictures across nodes.
 * Read it before the picture's rows: each later statement (read committed) sees every commit made before
 * it, so the picture with the newest `readAt` misses no commit whose announcement came earlier, and a
 * commit it missed is announced with a later one. Read after the rows, a slow reader could outrank the
 * announcement of a commit it did not see and leave every screen on the stale picture
 * (tests/integration/live-picture-order.test.ts); whole milliseconds would let two nodes' pictures tie.
 */
export async function clockMs(tx: Tx): Promise<number> {
	const [row] = await tx.query<{ ms: string }>(
		`select round(extract(epoch from clock_timestamp()) * 1000, 3)::text as ms`
	);
	return Number(row?.ms ?? Date.now());
}

/** The meeting's items the reader may see, with their public flag. */
export async function listItemFlags(tx: Tx, meetingId: string): Promise<{ id: string; isPublic: boolean }[]> {
	return tx.query(`select id, is_public as "isPublic" from public.agenda_items where meeting_id = $1`, [meetingId]);
}
