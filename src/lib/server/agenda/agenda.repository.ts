import type { BoardRole } from '$lib/roles';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/types';
import { insertOnce } from '../db/form-token';
import type { OrderEntry } from './agenda-plan';
import type { AgendaItemKind } from '$lib/types/agenda.types';
import type { MeetingHeader } from '../meetings/meeting.repository';

export interface AgendaMeeting extends MeetingHeader {
	id: string;
	agendaPublishedAt: Date | null;
	proposalDeadline: Date;
	prefilledAt: Date | null;
	/** The current person's role in the meeting's board (null: platform admin without one). */
	role: BoardRole | null;
}

/** The editable fields of an item. */
export interface AgendaItemFields {
	title: string;
	description: string;
	kind: AgendaItemKind;
	isPublic: boolean;
	presenterText: string | null;
	presenterUserId: string | null;
	plannedMinutes: number;
}

export interface AgendaItemRow extends AgendaItemFields {
	id: string;
	position: number;
	isSubItem: boolean;
	presenterName: string | null;
	changedAt: Date | null;
}

/** The meeting as the current person may see it (RLS), with their board role; null when not visible. */
export async function findMeeting(tx: Tx, meetingId: string): Promise<AgendaMeeting | null> {
	const [row] = await tx.query<AgendaMeeting>(
		`select m.id, m.board_id as "boardId", b.slug as "boardSlug", b.name as "boardName", m.title, m.starts_at as "startsAt", m.ends_at as "endsAt", m.location,
			m.online_url as "onlineUrl", m.agenda_published_at as "agendaPublishedAt",
			coalesce(s.proposal_deadline, m.starts_at - interval '7 days') as "proposalDeadline", s.prefilled_at as "prefilledAt",
			(select ms.role from public.memberships ms where ms.board_id = m.board_id and ms.user_id = (select auth.uid()) and ms.active) as role
		 from public.meetings m join public.boards b on b.id = m.board_id
			left join public.agenda_settings s on s.meeting_id = m.id
		 where m.id = $1`,
		[meetingId]
	);
	return row ?? null;
}

/** Serialises agenda writes of one meeting: concurrent moves read and rewrite the order one after the other. */
export async function lockAgenda(tx: Tx, meetingId: string): Promise<void> {
	await tx.query(`select pg_advisory_xact_lock(hashtextextended($1::text, 7271))`, [meetingId]);
}

const ITEM_COLUMNS = `i.id, i.position, i.is_sub_item as "isSubItem", i.title, i.description, i.kind, i.is_public as "isPublic",
	i.presenter_text as "presenterText", i.presenter_user_id as "presenterUserId", p.display_name as "presenterName",
	i.planned_minutes as "plannedMinutes", i.changed_at as "changedAt"`;

/** The items the current person may see, in order. */
export async function listItems(tx: Tx, meetingId: string): Promise<AgendaItemRow[]> {
	return tx.query<AgendaItemRow>(
		`select ${ITEM_COLUMNS} from public.agenda_items i left join public.profiles p on p.user_id = i.presenter_user_id
		 where i.meeting_id = $1 order by i.position`,
		[meetingId]
	);
}

export async function findItem(tx: Tx, input: { meetingId: string; itemId: string }): Promise<AgendaItemRow | null> {
	const [row] = await tx.query<AgendaItemRow>(
		`select ${ITEM_COLUMNS} from public.agenda_items i left join public.profiles p on p.user_id = i.presenter_user_id
		 where i.meeting_id = $1 and i.id = $2`,
		[input.meetingId, input.itemId]
	);
	return row ?? null;
}

/** Appends an item at the end of the order; with a form token a repeat returns the first item (`created` false). */
export async function insertItem(
	tx: Tx,
	input: {
		meetingId: string;
		isSubItem: boolean;
		fields: AgendaItemFields;
		changed: boolean;
		formToken?: string | null;
	}
): Promise<{ id: string; created: boolean }> {
	const f = input.fields;
	const id = randomUUID();
	return insertOnce(tx, {
		table: 'agenda_items',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.agenda_items (id, meeting_id, position, is_sub_item, title, description, kind, is_public, presenter_text,
					presenter_user_id, planned_minutes, changed_at, created_by, form_token)
				 values ($11, $1, (select coalesce(max(position) + 1, 0) from public.agenda_items where meeting_id = $1), $2, $3, $4, $5, $6, $7, $8, $9,
					case when $10 then now() end, (select auth.uid()), $12)
				 on conflict (form_token) do nothing`,
				[
					input.meetingId,
					input.isSubItem,
					f.title,
					f.description,
					f.kind,
					f.isPublic,
					f.presenterText,
					f.presenterUserId,
					f.plannedMinutes,
					input.changed,
					id,
					input.formToken ?? null
				]
			)
	});
}

export async function updateItem(
	tx: Tx,
	input: { meetingId: string; itemId: string; fields: AgendaItemFields; changed: boolean }
): Promise<boolean> {
	const f = input.fields;
	const rows = await tx.query(
		`update public.agenda_items set title = $3, description = $4, kind = $5, is_public = $6, presenter_text = $7,
			presenter_user_id = $8, planned_minutes = $9, updated_at = now(), changed_at = case when $10 then now() else changed_at end
		 where meeting_id = $1 and id = $2 returning id`,
		[
			input.meetingId,
			input.itemId,
			f.title,
			f.description,
			f.kind,
			f.isPublic,
			f.presenterText,
			f.presenterUserId,
			f.plannedMinutes,
			input.changed
		]
	);
	return rows.length > 0;
}

export async function deleteItem(tx: Tx, input: { meetingId: string; itemId: string }): Promise<boolean> {
	const rows = await tx.query(`delete from public.agenda_items where meeting_id = $1 and id = $2 returning id`, [
		input.meetingId,
		input.itemId
	]);
	return rows.length > 0;
}

/**
 * Writes a whole order in one statement (the unique constraint is checked at its end). Every item of
 * the meeting must be in `order`; `changedIds` get the "changed since publication" mark.
 */
export async function writeOrder(
	tx: Tx,
	input: { meetingId: string; order: readonly OrderEntry[]; changedIds?: readonly string[] }
): Promise<number> {
	const entries = input.order.map((entry, position) => ({ id: entry.id, position, sub: entry.isSubItem }));
	const rows = await tx.query(
		`update public.agenda_items i set position = v.position, is_sub_item = v.sub,
			changed_at = case when i.id = any (select jsonb_array_elements_text($3::text::jsonb)::uuid) then now() else i.changed_at end
		 from jsonb_to_recordset($2::text::jsonb) as v (id uuid, position integer, sub boolean)
		 where i.meeting_id = $1 and i.id = v.id returning i.id`,
		[input.meetingId, JSON.stringify(entries), JSON.stringify(input.changedIds ?? [])]
	);
	return rows.length;
}

/** Every item's id of the meeting, bypassing nothing: the office sees all items under RLS. */
export async function countItems(tx: Tx, meetingId: string): Promise<number> {
	const [row] = await tx.query<{ count: number }>(
		`select count(*)::int as count from public.agenda_items where meeting_id = $1`,
		[meetingId]
	);
	return row?.count ?? 0;
}

/** Marks the standard items as put in; false when someone already did (or the office emptied it on purpose). */
export async function markPrefilled(tx: Tx, meetingId: string): Promise<boolean> {
	const rows = await tx.query(
		`insert into public.agenda_settings (meeting_id, prefilled_at) values ($1, now())
		 on conflict (meeting_id) do update set prefilled_at = now() where public.agenda_settings.prefilled_at is null
		 returning meeting_id`,
		[meetingId]
	);
	return rows.length > 0;
}

export async function setProposalDeadline(tx: Tx, input: { meetingId: string; deadline: Date }): Promise<void> {
	await tx.query(
		`insert into public.agenda_settings (meeting_id, proposal_deadline) values ($1, $2)
		 on conflict (meeting_id) do update set proposal_deadline = excluded.proposal_deadline`,
		[input.meetingId, input.deadline]
	);
}

export async function publish(tx: Tx, meetingId: string): Promise<Date | null> {
	const [row] = await tx.query<{ publishedAt: Date }>(
		`update public.meetings set agenda_published_at = now(), updated_at = now()
		 where id = $1 and agenda_published_at is null returning agenda_published_at as "publishedAt"`,
		[meetingId]
	);
	return row?.publishedAt ?? null;
}

/** Earlier and later meetings of the same board that have an agenda, newest first. */
export async function listCopySources(tx: Tx, input: { boardId: string; meetingId: string }) {
	return tx.query<{ id: string; title: string; startsAt: Date; itemCount: number }>(
		`select m.id, m.title, m.starts_at as "startsAt", count(i.id)::int as "itemCount"
		 from public.meetings m join public.agenda_items i on i.meeting_id = m.id
		 where m.board_id = $1 and m.id <> $2 group by m.id order by m.starts_at desc limit 20`,
		[input.boardId, input.meetingId]
	);
}

export async function deleteAllItems(tx: Tx, meetingId: string): Promise<void> {
	await tx.query(`delete from public.agenda_items where meeting_id = $1`, [meetingId]);
}

/** Active people of the board who could present an item. */
export async function listPresenters(tx: Tx, boardId: string) {
	return tx.query<{ userId: string; displayName: string }>(
		`select m.user_id as "userId", p.display_name as "displayName" from public.memberships m
		 join public.profiles p on p.user_id = m.user_id
		 where m.board_id = $1 and m.active and m.role <> 'guest' order by p.display_name`,
		[boardId]
	);
}
