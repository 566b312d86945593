import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import { addMember, createBoard, type TestBoard, type TestUser } from './index';

// Agenda factories: meetings, items, guests, created as the database owner (parents included).

export interface TestMeeting {
	id: string;
	boardId: string;
	title: string;
	startsAt: Date;
}

let sequence = 0;

export async function createMeeting(
	db: Database,
	input: { board?: TestBoard; title?: string; startsAt?: Date; published?: boolean; location?: string } = {}
): Promise<TestMeeting & { board: TestBoard }> {
	const board = input.board ?? (await createBoard(db));
	const startsAt = input.startsAt ?? new Date(Date.now() + 30 * 86_400_000);
	const meeting = {
		id: randomUUID(),
		boardId: board.id,
		title: input.title ?? `Sitzung ${++sequence}`,
		startsAt,
		board
	};
	await db.ownerTransaction((tx) =>
		tx.query(
			`insert into public.meetings (id, board_id, title, starts_at, ends_at, location, agenda_published_at)
			 values ($1, $2, $3, $4, $4::timestamptz + interval '3 hours', $5, case when $6 then now() end)`,
			[
				meeting.id,
				board.id,
				meeting.title,
				startsAt,
				input.location ?? 'Rathaus Hamm, Raum 1',
				input.published ?? false
			]
		)
	);
	return meeting;
}

export async function createItem(
	db: Database,
	input: {
		meeting: TestMeeting;
		title?: string;
		isPublic?: boolean;
		isSubItem?: boolean;
		minutes?: number;
		description?: string;
		kind?: string;
	}
): Promise<{ id: string; title: string }> {
	const title = input.title ?? `Punkt ${++sequence}`;
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ id: string }>(
			`insert into public.agenda_items (meeting_id, position, is_sub_item, title, description, kind, is_public, planned_minutes)
			 values ($1, (select coalesce(max(position) + 1, 0) from public.agenda_items where meeting_id = $1), $2, $3, $4, $5, $6, $7)
			 returning id`,
			[
				input.meeting.id,
				input.isSubItem ?? false,
				title,
				input.description ?? '',
				input.kind ?? 'discussion',
				input.isPublic ?? true,
				input.minutes ?? 10
			]
		)
	);
	return { id: row!.id, title };
}

/** A guest of the board invited to exactly this meeting. */
export async function inviteGuest(
	db: Database,
	input: { meeting: TestMeeting & { board: TestBoard }; user?: TestUser }
): Promise<TestUser> {
	const guest = await addMember(db, { board: input.meeting.board, role: 'guest', user: input.user });
	await db.ownerTransaction((tx) =>
		tx.query(`insert into public.meeting_guests (meeting_id, user_id) values ($1, $2)`, [input.meeting.id, guest.id])
	);
	return guest;
}
