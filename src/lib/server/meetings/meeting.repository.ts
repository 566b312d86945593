import { randomUUID } from 'node:crypto';
import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';
import { insertOnce } from '../db/form-token';
import { prefillStandardItems } from '../agenda/standard-items';
import type { QuorumRule } from './quorum';

export const MEETING_STATUSES = ['planned', 'invited', 'held', 'minutes_approved', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface MeetingRow extends MeetingFields {
	id: string;
	boardId: string;
	status: MeetingStatus;
	agendaPublishedAt: Date | null;
	sequence: number;
	createdAt: Date;
	updatedAt: Date;
}

const MEETING_COLUMNS = `id, board_id as "boardId", title, description, starts_at as "startsAt", ends_at as "endsAt",
	location, online_url as "onlineUrl", status, agenda_published_at as "agendaPublishedAt", sequence,
	created_at as "createdAt", updated_at as "updatedAt"`;

export interface MeetingFields {
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
	onlineUrl: string | null;
}

/** A meeting as notices and mails name it: its board, title, time and place. */
export interface MeetingHeader extends Omit<MeetingFields, 'description'> {
	boardId: string;
	boardSlug: string;
	boardName: string;
}

export interface BoardPerson {
	userId: string;
	displayName: string;
	email: string;
	locale: 'de' | 'en';
	role: BoardRole;
}

export async function boardSettings(
	tx: Tx,
	boardId: string
): Promise<{ quorumRule: QuorumRule; reminderOffsets: number[] }> {
	const [row] = await tx.query<{ quorumRule: QuorumRule; reminderOffsets: number[] }>(
		`select quorum_rule as "quorumRule", reminder_offsets as "reminderOffsets" from public.boards where id = $1`,
		[boardId]
	);
	return row ?? { quorumRule: 'more_than_half', reminderOffsets: [7, 1] };
}

/** Through the security-definer function: false when the caller is not the board's office. */
export async function saveBoardSettings(
	tx: Tx,
	input: { boardId: string; quorumRule: QuorumRule; reminderOffsets: number[] }
): Promise<boolean> {
	const [row] = await tx.query<{ ok: boolean }>(`select public.set_meeting_settings($1, $2, $3::int[]) as ok`, [
		input.boardId,
		input.quorumRule,
		input.reminderOffsets
	]);
	return row?.ok ?? false;
}

/** Meetings of the board the current user may see (guests: only theirs), soonest first. */
export async function listMeetings(tx: Tx, boardId: string): Promise<MeetingRow[]> {
	return tx.query<MeetingRow>(`select ${MEETING_COLUMNS} from public.meetings where board_id = $1 order by starts_at`, [
		boardId
	]);
}

export async function findMeeting(
	tx: Tx,
	input: { boardId: string; meetingId: string; forUpdate?: boolean }
): Promise<MeetingRow | null> {
	const [row] = await tx.query<MeetingRow>(
		`select ${MEETING_COLUMNS} from public.meetings where board_id = $1 and id = $2 ${input.forUpdate ? 'for update' : ''}`,
		[input.boardId, input.meetingId]
	);
	return row ?? null;
}

/**
 * The id is made here, not by `returning`: RETURNING checks the select policy, whose helper
 * (can_see_meeting) reads the table by id and cannot see the row its own statement inserts.
 * A new meeting's agenda starts with the standard items, written here in the same transaction
 * (directly created or scheduled by a poll): opening the agenda page only reads.
 */
export async function insertMeeting(
	tx: Tx,
	input: MeetingFields & { boardId: string; status: MeetingStatus; formToken?: string | null }
): Promise<string> {
	const id = randomUUID();
	const written = await insertOnce(tx, {
		table: 'meetings',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.meetings (id, board_id, title, description, starts_at, ends_at, location, online_url, status, created_by, form_token)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, (select auth.uid()), $10) on conflict do nothing`,
				[
					id,
					input.boardId,
					input.title,
					input.description,
					input.startsAt,
					input.endsAt,
					input.location,
					input.onlineUrl,
					input.status,
					input.formToken ?? null
				]
			)
	});
	if (written.created) await prefillStandardItems(tx, written.id);
	return written.id;
}

/** Saves the fields; `bumpSequence` when calendars must replace their copy (RFC 5545 SEQUENCE). */
export async function updateMeeting(
	tx: Tx,
	input: MeetingFields & { meetingId: string; status: MeetingStatus; bumpSequence: boolean }
): Promise<MeetingRow> {
	const [row] = await tx.query<MeetingRow>(
		`update public.meetings set title = $2, description = $3, starts_at = $4, ends_at = $5, location = $6, online_url = $7,
			status = $8, sequence = sequence + case when $9 then 1 else 0 end, updated_at = now()
		 where id = $1 returning ${MEETING_COLUMNS}`,
		[
			input.meetingId,
			input.title,
			input.description,
			input.startsAt,
			input.endsAt,
			input.location,
			input.onlineUrl,
			input.status,
			input.bumpSequence
		]
	);
	return row!;
}

export async function setStatus(tx: Tx, input: { meetingId: string; status: MeetingStatus }): Promise<void> {
	await tx.query(`update public.meetings set status = $2, updated_at = now() where id = $1`, [
		input.meetingId,
		input.status
	]);
}

const PERSON_COLUMNS = `p.user_id as "userId", p.display_name as "displayName", p.email, p.locale, m.role`;

/** Active people of the board (as the caller may see them), guests excluded. */
export async function listBoardPeople(tx: Tx, boardId: string): Promise<BoardPerson[]> {
	return tx.query<BoardPerson>(
		`select ${PERSON_COLUMNS} from public.memberships m join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and m.active and m.role <> 'guest'
		 order by array_position(array['office','chair','deputy','member','advisor']::public.board_role[], m.role), p.display_name`,
		[boardId]
	);
}

/** Guests invited to the meeting who are still active in the board. */
export async function listMeetingGuests(tx: Tx, input: { boardId: string; meetingId: string }): Promise<BoardPerson[]> {
	return tx.query<BoardPerson>(
		`select ${PERSON_COLUMNS} from public.meeting_guests g
		 join public.memberships m on m.user_id = g.user_id and m.board_id = $1 and m.active and m.role = 'guest'
		 join public.profiles p on p.user_id = g.user_id
		 where g.meeting_id = $2 order by p.display_name`,
		[input.boardId, input.meetingId]
	);
}
