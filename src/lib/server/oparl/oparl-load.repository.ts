import type { Tx } from '../db/types';

// The public rows behind each OParl object, loaded for a whole page at once (one statement per kind, no
// statement per object). Runs as `anon`: the policies decide which rows exist. Stamps come from the registry
// (public.oparl_objects); `o_created`/`o_changed` are null only for a row the registry has not seen.

const STAMPS = (type: string, id: string) =>
	`(select o.created from public.oparl_objects o where o.object_type = '${type}' and o.object_id = ${id}) as o_created,
	 (select o.changed_at from public.oparl_objects o where o.object_type = '${type}' and o.object_id = ${id}) as o_changed`;

export interface StampCols {
	o_created: Date | null;
	o_changed: Date | null;
}

export interface BoardRow extends StampCols {
	id: string;
	slug: string;
	name: string;
	created_at: Date;
	term_name: string | null;
	term_starts_on: string | null;
	term_ends_on: string | null;
	t_created: Date | null;
	t_changed: Date | null;
}

export function loadBoards(tx: Tx, ids: string[] | null): Promise<BoardRow[]> {
	return tx.query<BoardRow>(
		`select b.id, b.slug, b.name, b.created_at, b.term_name, b.term_starts_on::text, b.term_ends_on::text,
		        ${STAMPS('organization', 'b.id')},
		        (select o.created from public.oparl_objects o where o.object_type = 'legislativeterm' and o.object_id = b.id) as t_created,
		        (select o.changed_at from public.oparl_objects o where o.object_type = 'legislativeterm' and o.object_id = b.id) as t_changed
		   from public.boards b where $1::uuid[] is null or b.id = any($1::uuid[]) order by b.id`,
		[ids]
	);
}

export interface MembershipRow extends StampCols {
	id: string;
	board_id: string;
	user_id: string;
	role: string;
	start_date: string | null;
}

/** Memberships by id, by person or by board (anon sees listed people on public boards only). */
export function loadMemberships(
	tx: Tx,
	by: { ids?: string[]; userIds?: string[]; boardIds?: string[] }
): Promise<MembershipRow[]> {
	return tx.query<MembershipRow>(
		`select ms.id, ms.board_id, ms.user_id, ms.role::text,
		        (ms.joined_at at time zone 'Europe/Berlin')::date::text as start_date, ${STAMPS('membership', 'ms.id')}
		   from public.memberships ms
		  where ms.id = any($1::uuid[]) or ms.user_id = any($2::uuid[]) or ms.board_id = any($3::uuid[])
		  order by ms.id`,
		[by.ids ?? [], by.userIds ?? [], by.boardIds ?? []]
	);
}

export interface PersonRow extends StampCols {
	id: string;
	name: string;
	organisation: string | null;
	function: string | null;
}

export function loadPeople(tx: Tx, ids: string[]): Promise<PersonRow[]> {
	return tx.query<PersonRow>(
		`select pr.user_id as id, pr.display_name as name, pr.organisation, pr."function", ${STAMPS('person', 'pr.user_id')}
		   from public.profiles pr where pr.user_id = any($1::uuid[])`,
		[ids]
	);
}

export interface MeetingRow extends StampCols {
	id: string;
	board_id: string;
	slug: string;
	title: string;
	description: string;
	starts_at: Date;
	ends_at: Date;
	location: string | null;
	status: string;
	l_created: Date | null;
	l_changed: Date | null;
}

/** Meetings by id or by board. */
export function loadMeetings(tx: Tx, by: { ids?: string[]; boardIds?: string[] }): Promise<MeetingRow[]> {
	return tx.query<MeetingRow>(
		`select m.id, m.board_id, b.slug, m.title, m.description, m.starts_at, m.ends_at, nullif(btrim(m.location), '') as location,
		        m.status::text, ${STAMPS('meeting', 'm.id')},
		        (select o.created from public.oparl_objects o where o.object_type = 'location' and o.object_id = m.id) as l_created,
		        (select o.changed_at from public.oparl_objects o where o.object_type = 'location' and o.object_id = m.id) as l_changed
		   from public.meetings m join public.boards b on b.id = m.board_id
		  where m.id = any($1::uuid[]) or m.board_id = any($2::uuid[])
		  order by m.starts_at, m.id`,
		[by.ids ?? [], by.boardIds ?? []]
	);
}

export interface ItemRow extends StampCols {
	id: string;
	meeting_id: string;
	position: number;
	is_sub_item: boolean;
	title: string;
	planned_minutes: number;
}

/** All public items of the meetings, in agenda order (the numbering needs each meeting's whole public part). */
export function loadItems(tx: Tx, meetingIds: string[]): Promise<ItemRow[]> {
	return tx.query<ItemRow>(
		`select i.id, i.meeting_id, i.position, i.is_sub_item, i.title, i.planned_minutes, ${STAMPS('agendaitem', 'i.id')}
		   from public.agenda_items i where i.meeting_id = any($1::uuid[]) order by i.meeting_id, i.position`,
		[meetingIds]
	);
}

/** The meetings of agenda items (to load their whole agenda). */
export async function meetingsOfItems(tx: Tx, itemIds: string[]): Promise<string[]> {
	const rows = await tx.query<{ meeting_id: string }>(
		`select distinct i.meeting_id from public.agenda_items i where i.id = any($1::uuid[])`,
		[itemIds]
	);
	return rows.map((row) => row.meeting_id);
}

export interface DecisionRow {
	agenda_item_id: string;
	number: string;
	title: string;
	resolution: string;
	status: string;
}

/** The published decisions taken on the items (anon sees the newest public revision only). */
export function loadDecisions(tx: Tx, itemIds: string[]): Promise<DecisionRow[]> {
	return tx.query<DecisionRow>(
		`select e.agenda_item_id, e.number, e.title, e.resolution, e.status
		   from public.decision_entries e where e.agenda_item_id = any($1::uuid[]) order by e.number`,
		[itemIds]
	);
}

export interface ConsultationRow extends StampCols {
	id: string;
	item_id: string;
	paper_id: string;
	meeting_id: string;
	board_id: string;
}

/** Consultations by id, by item or by paper. */
export function loadConsultations(
	tx: Tx,
	by: { ids?: string[]; itemIds?: string[]; paperIds?: string[] }
): Promise<ConsultationRow[]> {
	return tx.query<ConsultationRow>(
		`select c.*, ${STAMPS('consultation', 'c.id')} from (
		   select public.oparl_consultation_id(ap.item_id, ap.paper_id) as id, ap.item_id, ap.paper_id, ap.meeting_id, m.board_id
		     from public.agenda_item_papers ap join public.meetings m on m.id = ap.meeting_id
		    where ap.item_id = any($2::uuid[]) or ap.paper_id = any($3::uuid[])
		       or public.oparl_consultation_id(ap.item_id, ap.paper_id) = any($1::uuid[])) c
		  order by c.id`,
		[by.ids ?? [], by.itemIds ?? [], by.paperIds ?? []]
	);
}

export interface FileRow extends StampCols {
	id: string;
	slug: string;
	name: string;
	content_type: string;
	size: number;
	created_at: Date;
	agenda_item_id: string | null;
	meeting_id: string | null;
	/** Set for a published paper's PDF (its id is the published version's). */
	paper_id: string | null;
}

/** Files by id or by item: the public items' attachments and the published papers' PDFs. */
export function loadFiles(tx: Tx, by: { ids?: string[]; itemIds?: string[] }): Promise<FileRow[]> {
	return tx.query<FileRow>(
		`select f.id, b.slug, f.name, v.content_type, v.size::float8 as size, v.created_at, f.agenda_item_id, i.meeting_id,
		        null::uuid as paper_id, ${STAMPS('file', 'f.id')}
		   from public.files f
		   join public.boards b on b.id = f.board_id
		   join public.agenda_items i on i.id = f.agenda_item_id
		   join public.file_versions v on v.file_id = f.id and v.version = f.current_version
		  where f.id = any($1::uuid[]) or f.agenda_item_id = any($2::uuid[])
		 union all
		 select v.id, b.slug, p.title, 'application/pdf', null, v.created_at, null, null, p.id, ${STAMPS('file', 'v.id')}
		   from public.paper_versions v
		   join public.papers p on p.published_version_id = v.id
		   join public.boards b on b.id = p.board_id
		  where v.id = any($1::uuid[])
		  order by 1`,
		[by.ids ?? [], by.itemIds ?? []]
	);
}

export interface PaperRow extends StampCols {
	id: string;
	slug: string;
	title: string;
	tags: string[];
	published_on: string;
	version_id: string | null;
}

export function loadPapers(tx: Tx, ids: string[]): Promise<PaperRow[]> {
	return tx.query<PaperRow>(
		`select p.id, b.slug, p.title, p.tags, (p.published_at at time zone 'Europe/Berlin')::date::text as published_on,
		        p.published_version_id as version_id, ${STAMPS('paper', 'p.id')}
		   from public.papers p join public.boards b on b.id = p.board_id where p.id = any($1::uuid[])`,
		[ids]
	);
}
