import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import { scopedDb, withSystem } from '$lib/server/db/scoped';
import { findBoardForCurrentUser } from '$lib/server/boards/board.repository';
import type { BoardContext } from '$lib/server/boards/policy';
import type { MeetingStatus } from '$lib/server/meetings/meeting.repository';
import { claimsFor, type TestBoard, type TestUser } from './index';

const DAY = 86_400_000;

/** A meeting written as the owner; by default two weeks ahead, 16:00–18:00 UTC, planned. */
export async function createMeeting(
	db: Database,
	input: {
		board: TestBoard;
		title?: string;
		status?: MeetingStatus;
		startsAt?: Date;
		hours?: number;
		location?: string;
		agendaPublished?: boolean;
	}
): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
	const startsAt = input.startsAt ?? new Date(Math.floor(Date.now() / DAY) * DAY + 14 * DAY + 16 * 3_600_000);
	const endsAt = new Date(startsAt.getTime() + (input.hours ?? 2) * 3_600_000);
	const id = randomUUID();
	await db.ownerTransaction((tx) =>
		tx.query(
			`insert into public.meetings (id, board_id, title, starts_at, ends_at, location, status, agenda_published_at)
			 values ($1, $2, $3, $4, $5, $6, $7, case when $8 then now() end)`,
			[
				id,
				input.board.id,
				input.title ?? `Sitzung ${id.slice(0, 6)}`,
				startsAt,
				endsAt,
				input.location ?? 'Rathaus',
				input.status ?? 'planned',
				input.agendaPublished ?? false
			]
		)
	);
	return { id, startsAt, endsAt };
}

export async function addMeetingGuest(db: Database, input: { meetingId: string; user: TestUser }): Promise<void> {
	await db.ownerTransaction((tx) =>
		tx.query(`insert into public.meeting_guests (meeting_id, user_id) values ($1, $2)`, [
			input.meetingId,
			input.user.id
		])
	);
}

/** The board as `user` sees it (their role), like the /b/<board> layout resolves it. */
export async function boardAs(db: Database, user: TestUser, board: TestBoard): Promise<BoardContext> {
	const context = await scopedDb(db, claimsFor(user)).run((tx) => findBoardForCurrentUser(tx, board.slug));
	return (context ?? { ...board, role: null }) as BoardContext;
}

/** Outbox rows of a kind, newest last. */
export async function mailsOfKind(
	db: Database,
	kind: string
): Promise<
	{
		to_email: string;
		subject: string;
		body_text: string;
		attachments: { filename: string; content: string }[] | null;
	}[]
> {
	return withSystem(db, 'test-setup', (tx) =>
		tx.query(
			`select to_email, subject, body_text, attachments from public.mail_outbox where kind = $1 order by created_at`,
			[kind]
		)
	);
}
