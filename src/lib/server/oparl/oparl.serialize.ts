import { citizenPath, oparlPath, type OparlList } from '$lib/public/links';
import { translate, type MessageKey } from '$lib/i18n';
import type { OparlBodyConfig } from '../config';
import type {
	BoardRow,
	ConsultationRow,
	FileRow,
	MeetingRow,
	MembershipRow,
	PersonRow,
	StampCols
} from './oparl-load.repository';
import { OPARL_VERSION, typeUri, type OparlType, type Tombstone } from './oparl.types';

// Rows to OParl 1.1 objects. Only what the rows hold is written; an empty value is left out rather than
// sent as "" or null. The data is German, like the records it comes from.

export type OparlObject = { id: string; type: string } & Record<string, unknown>;

export interface SerializeContext {
	/** The configured ORIGIN: OParl ids are absolute URLs. */
	origin: string;
	body: OparlBodyConfig;
	/** Leave out embedded (internal) objects. */
	omitInternal: boolean;
}

export const iso = (date: Date) => date.toISOString();
export const url = (ctx: SerializeContext, path: string) => `${ctx.origin}${path}`;
export const de = (key: string) => translate('de', key as MessageKey);

/** created/modified from the registry, falling back to the row's own time. */
export function stamps(row: StampCols, fallback: Date) {
	const created = row.o_created ?? fallback;
	return { created: iso(created), modified: iso(row.o_changed ?? created) };
}

/** Drops undefined, null, "" and [] so optional fields are absent rather than empty. */
export function compact<T extends Record<string, unknown>>(object: T): T {
	return Object.fromEntries(
		Object.entries(object).filter(
			([, value]) =>
				value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
		)
	) as T;
}

export const bodyUrl = (ctx: SerializeContext) => url(ctx, oparlPath.body(ctx.body.key));
const listUrl = (ctx: SerializeContext, list: OparlList) => url(ctx, oparlPath.bodyList(ctx.body.key, list));

export function tombstone(ctx: SerializeContext, dead: Tombstone): OparlObject {
	return {
		id: url(ctx, pathOf(dead.type, dead.id)),
		type: typeUri(dead.type),
		created: iso(dead.created),
		modified: iso(dead.modified),
		deleted: true
	};
}

export function pathOf(type: Exclude<OparlType, 'body'>, id: string): string {
	const paths: Record<Exclude<OparlType, 'body'>, (id: string) => string> = {
		organization: oparlPath.organization,
		person: oparlPath.person,
		membership: oparlPath.membership,
		meeting: oparlPath.meeting,
		agendaitem: oparlPath.agendaItem,
		consultation: oparlPath.consultation,
		paper: oparlPath.paper,
		file: oparlPath.file,
		location: oparlPath.location,
		legislativeterm: oparlPath.legislativeTerm
	};
	return paths[type](id);
}

export function system(ctx: SerializeContext, when: { created: Date; modified: Date }): OparlObject {
	return compact({
		id: url(ctx, oparlPath.system()),
		type: typeUri('system'),
		oparlVersion: OPARL_VERSION,
		body: url(ctx, oparlPath.bodies()),
		name: `Beirat – ${ctx.body.name}`,
		contactEmail: ctx.body.contactEmail,
		contactName: ctx.body.contactName,
		website: ctx.origin,
		created: iso(when.created),
		modified: iso(when.modified)
	});
}

export function legislativeTerm(ctx: SerializeContext, board: BoardRow): OparlObject {
	const created = board.t_created ?? board.created_at;
	return compact({
		id: url(ctx, oparlPath.legislativeTerm(board.id)),
		type: typeUri('legislativeterm'),
		body: bodyUrl(ctx),
		name: `${board.name}: ${board.term_name}`,
		startDate: board.term_starts_on,
		endDate: board.term_ends_on,
		web: url(ctx, citizenPath.board(board.slug)),
		created: iso(created),
		modified: iso(board.t_changed ?? created)
	});
}

export function body(ctx: SerializeContext, boards: BoardRow[], when: { created: Date; modified: Date }): OparlObject {
	return compact({
		id: bodyUrl(ctx),
		type: typeUri('body'),
		system: url(ctx, oparlPath.system()),
		shortName: ctx.body.shortName,
		name: ctx.body.name,
		website: ctx.body.website,
		ags: ctx.body.ags,
		contactEmail: ctx.body.contactEmail,
		contactName: ctx.body.contactName,
		organization: listUrl(ctx, 'organizations'),
		person: listUrl(ctx, 'people'),
		meeting: listUrl(ctx, 'meetings'),
		paper: listUrl(ctx, 'papers'),
		// Required, and small (one term per board): embedded even when internal objects are omitted.
		legislativeTerm: boards.filter((b) => b.term_name).map((b) => legislativeTerm(ctx, b)),
		agendaItem: listUrl(ctx, 'agenda-items'),
		consultation: listUrl(ctx, 'consultations'),
		file: listUrl(ctx, 'files'),
		locationList: listUrl(ctx, 'locations'),
		legislativeTermList: listUrl(ctx, 'legislative-terms'),
		membership: listUrl(ctx, 'memberships'),
		classification: 'Stadt',
		created: iso(when.created),
		modified: iso(when.modified)
	});
}

export function organization(
	ctx: SerializeContext,
	board: BoardRow,
	related: { membershipIds: string[] }
): OparlObject {
	return compact({
		id: url(ctx, oparlPath.organization(board.id)),
		type: typeUri('organization'),
		body: bodyUrl(ctx),
		name: board.name,
		membership: related.membershipIds.map((id) => url(ctx, oparlPath.membership(id))),
		meeting: url(ctx, oparlPath.organizationMeetings(board.id)),
		organizationType: 'Gremium',
		classification: 'Beirat',
		startDate: board.term_starts_on,
		endDate: board.term_ends_on,
		website: url(ctx, citizenPath.board(board.slug)),
		web: url(ctx, citizenPath.board(board.slug)),
		...stamps(board, board.created_at)
	});
}

const VOTING_ROLES = new Set(['chair', 'deputy', 'member']);

export function membership(ctx: SerializeContext, row: MembershipRow, slug: string, embedded: boolean): OparlObject {
	const joined = row.start_date ? new Date(`${row.start_date}T00:00:00Z`) : new Date(0);
	return compact({
		id: url(ctx, oparlPath.membership(row.id)),
		type: typeUri('membership'),
		// Inside its person the back reference is implied.
		person: embedded ? undefined : url(ctx, oparlPath.person(row.user_id)),
		organization: url(ctx, oparlPath.organization(row.board_id)),
		role: de(`role.${row.role}`),
		votingRight: VOTING_ROLES.has(row.role),
		startDate: row.start_date,
		web: url(ctx, citizenPath.person(slug, row.user_id)),
		...stamps(row, joined)
	});
}

export function person(
	ctx: SerializeContext,
	row: PersonRow,
	memberships: { row: MembershipRow; slug: string }[]
): OparlObject {
	const first = memberships[0];
	const created = row.o_created ?? new Date(0);
	return compact({
		id: url(ctx, oparlPath.person(row.id)),
		type: typeUri('person'),
		body: bodyUrl(ctx),
		name: row.name,
		// What the person chose to show about themselves: their function and organisation.
		status: [row.function, row.organisation].filter((value): value is string => Boolean(value)),
		membership: ctx.omitInternal ? undefined : memberships.map((m) => membership(ctx, m.row, m.slug, true)),
		web: first ? url(ctx, citizenPath.person(first.slug, row.id)) : undefined,
		created: iso(created),
		modified: iso(row.o_changed ?? created)
	});
}

/** A meeting's place; `embedded` inside its meeting, where the back reference is implied. */
export function location(ctx: SerializeContext, meeting: MeetingRow, embedded: boolean): OparlObject {
	const created = meeting.l_created ?? meeting.o_created ?? meeting.starts_at;
	return compact({
		id: url(ctx, oparlPath.location(meeting.id)),
		type: typeUri('location'),
		description: meeting.location,
		meetings: embedded ? undefined : [url(ctx, oparlPath.meeting(meeting.id))],
		web: url(ctx, citizenPath.meeting(meeting.slug, meeting.id)),
		created: iso(created),
		modified: iso(meeting.l_changed ?? created)
	});
}

/** A file; `embedded` in its item or paper, where the back references are left out (spec). */
export function file(ctx: SerializeContext, row: FileRow, embedded: boolean): OparlObject {
	const isPaper = row.paper_id !== null;
	// The spec's `name` is for people, without an extension; `fileName` keeps it.
	const name = isPaper ? row.name : row.name.replace(/\.[A-Za-z0-9]{1,8}$/, '') || row.name;
	const access = isPaper ? citizenPath.paperPdf(row.slug, row.paper_id!) : citizenPath.file(row.slug, row.id);
	return compact({
		id: url(ctx, oparlPath.file(row.id)),
		type: typeUri('file'),
		name,
		fileName: isPaper ? `${row.name}.pdf` : row.name,
		mimeType: row.content_type,
		size: row.size ?? undefined,
		date: iso(row.created_at).slice(0, 10),
		accessUrl: url(ctx, access),
		downloadUrl: isPaper ? undefined : url(ctx, citizenPath.fileDownload(row.slug, row.id)),
		agendaItem: row.agenda_item_id && !embedded ? [url(ctx, oparlPath.agendaItem(row.agenda_item_id))] : undefined,
		meeting: row.meeting_id && !embedded ? [url(ctx, oparlPath.meeting(row.meeting_id))] : undefined,
		paper: isPaper && !embedded ? [url(ctx, oparlPath.paper(row.paper_id!))] : undefined,
		web: url(ctx, access),
		...stamps(row, row.created_at)
	});
}

export function consultation(ctx: SerializeContext, row: ConsultationRow, created: Date): OparlObject {
	return compact({
		id: url(ctx, oparlPath.consultation(row.id)),
		type: typeUri('consultation'),
		paper: url(ctx, oparlPath.paper(row.paper_id)),
		agendaItem: url(ctx, oparlPath.agendaItem(row.item_id)),
		meeting: url(ctx, oparlPath.meeting(row.meeting_id)),
		organization: [url(ctx, oparlPath.organization(row.board_id))],
		authoritative: false,
		role: 'Beratung',
		...stamps(row, created)
	});
}
