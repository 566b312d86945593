import type { Tx } from '../db/types';

export const RSVP_RESPONSES = ['attending', 'absent', 'online'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export interface RsvpRow {
	userId: string;
	response: RsvpResponse;
	proxyNote: string;
	updatedAt: Date;
}

export async function upsertRsvp(
	tx: Tx,
	input: { meetingId: string; boardId: string; response: RsvpResponse; proxyNote: string }
): Promise<void> {
	await tx.query(
		`insert into public.meeting_rsvps (meeting_id, user_id, board_id, response, proxy_note)
		 values ($1, (select auth.uid()), $2, $3, $4)
		 on conflict (meeting_id, user_id) do update set response = excluded.response, proxy_note = excluded.proxy_note, updated_at = now()`,
		[input.meetingId, input.boardId, input.response, input.proxyNote]
	);
}

/** RSVPs the caller may see: office all, everyone else only their own. */
export async function listRsvps(tx: Tx, meetingId: string): Promise<RsvpRow[]> {
	return tx.query<RsvpRow>(
		`select user_id as "userId", response, proxy_note as "proxyNote", updated_at as "updatedAt"
		 from public.meeting_rsvps where meeting_id = $1`,
		[meetingId]
	);
}

/** Replaces the recorded attendance with exactly `present` among `people` (one row per person). */
export async function saveAttendance(
	tx: Tx,
	input: { meetingId: string; boardId: string; people: string[]; present: Set<string> }
): Promise<void> {
	await tx.query(
		`insert into public.meeting_attendance (meeting_id, user_id, board_id, present, recorded_by)
		 select $1, u.user_id, $2, u.user_id = any($4::uuid[]), (select auth.uid()) from unnest($3::uuid[]) as u(user_id)
		 on conflict (meeting_id, user_id) do update set present = excluded.present, recorded_by = excluded.recorded_by, recorded_at = now()`,
		[input.meetingId, input.boardId, input.people, [...input.present]]
	);
}

export async function listAttendance(tx: Tx, meetingId: string): Promise<{ userId: string; present: boolean }[]> {
	return tx.query(`select user_id as "userId", present from public.meeting_attendance where meeting_id = $1`, [
		meetingId
	]);
}
