import type { Tx } from '../db/types';
import * as load from './oparl-load.repository';
import { findTombstones } from './oparl.repository';
import * as serialize from './oparl.serialize';
import * as agenda from './oparl-agenda.serialize';
import type { OparlObject, SerializeContext } from './oparl.serialize';
import type { RowType } from './oparl.types';

// Builds the OParl objects of one type for a set of ids in a few statements (whatever the number of ids):
// live objects from the tables, everything else that was once public as a tombstone.

type Builder = (tx: Tx, ctx: SerializeContext, ids: string[]) => Promise<OparlObject[]>;

const byKey = <T, K>(rows: T[], key: (row: T) => K) => {
	const map = new Map<K, T[]>();
	for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
	return map;
};

async function slugs(tx: Tx): Promise<Map<string, string>> {
	return new Map((await load.loadBoards(tx, null)).map((b) => [b.id, b.slug]));
}

/** Meetings with their whole public agenda and what hangs on the items. */
export async function loadAgendas(tx: Tx, meetingIds: string[]): Promise<agenda.AgendaContext[]> {
	if (meetingIds.length === 0) return [];
	const [meetings, items] = await Promise.all([
		load.loadMeetings(tx, { ids: meetingIds }),
		load.loadItems(tx, meetingIds)
	]);
	const itemIds = items.map((item) => item.id);
	const [decisions, consultations, files] = await Promise.all([
		load.loadDecisions(tx, itemIds),
		load.loadConsultations(tx, { itemIds }),
		load.loadFiles(tx, { itemIds })
	]);
	const itemsOf = byKey(items, (item) => item.meeting_id);
	return meetings.map((meeting) => ({
		meeting,
		items: itemsOf.get(meeting.id) ?? [],
		decisions,
		consultations,
		files
	}));
}

const organizations: Builder = async (tx, ctx, ids) => {
	const [boards, memberships] = await Promise.all([
		load.loadBoards(tx, ids),
		load.loadMemberships(tx, { boardIds: ids })
	]);
	const membersOf = byKey(memberships, (m) => m.board_id);
	return boards.map((board) =>
		serialize.organization(ctx, board, { membershipIds: (membersOf.get(board.id) ?? []).map((m) => m.id) })
	);
};

const legislativeTerms: Builder = async (tx, ctx, ids) =>
	(await load.loadBoards(tx, ids)).filter((b) => b.term_name).map((b) => serialize.legislativeTerm(ctx, b));

const people: Builder = async (tx, ctx, ids) => {
	const [rows, memberships, slugOf] = await Promise.all([
		load.loadPeople(tx, ids),
		load.loadMemberships(tx, { userIds: ids }),
		slugs(tx)
	]);
	const membershipsOf = byKey(memberships, (m) => m.user_id);
	return rows.map((row) =>
		serialize.person(
			ctx,
			row,
			(membershipsOf.get(row.id) ?? []).map((m) => ({ row: m, slug: slugOf.get(m.board_id) ?? '' }))
		)
	);
};

const memberships: Builder = async (tx, ctx, ids) => {
	const [rows, slugOf] = await Promise.all([load.loadMemberships(tx, { ids }), slugs(tx)]);
	return rows
		.filter((m) => ids.includes(m.id))
		.map((m) => serialize.membership(ctx, m, slugOf.get(m.board_id) ?? '', false));
};

const meetings: Builder = async (tx, ctx, ids) => (await loadAgendas(tx, ids)).map((a) => agenda.meeting(ctx, a));

const locations: Builder = async (tx, ctx, ids) =>
	(await load.loadMeetings(tx, { ids })).filter((m) => m.location).map((m) => serialize.location(ctx, m, false));

const agendaItems: Builder = async (tx, ctx, ids) => {
	const agendas = await loadAgendas(tx, await load.meetingsOfItems(tx, ids));
	const wanted = new Set(ids);
	return agendas.flatMap((a) =>
		agenda.agendaItems(ctx, a).filter((item) => wanted.has(item.id.slice(item.id.lastIndexOf('/') + 1)))
	);
};

const consultations: Builder = async (tx, ctx, ids) => {
	const rows = await load.loadConsultations(tx, { ids });
	const papers = new Map(
		(
			await load.loadPapers(
				tx,
				rows.map((r) => r.paper_id)
			)
		).map((p) => [p.id, p])
	);
	return rows.map((row) => serialize.consultation(ctx, row, papers.get(row.paper_id)?.o_created ?? new Date(0)));
};

const papers: Builder = async (tx, ctx, ids) => {
	const rows = await load.loadPapers(tx, ids);
	const versionIds = rows.map((r) => r.version_id).filter((id): id is string => id !== null);
	const [files, consultationRows] = await Promise.all([
		load.loadFiles(tx, { ids: versionIds }),
		load.loadConsultations(tx, { paperIds: ids })
	]);
	const consultationsOf = byKey(consultationRows, (c) => c.paper_id);
	return rows.map((row) =>
		agenda.paper(ctx, row, {
			mainFile: files.find((f) => f.id === row.version_id),
			consultations: consultationsOf.get(row.id) ?? []
		})
	);
};

const files: Builder = async (tx, ctx, ids) =>
	(await load.loadFiles(tx, { ids })).map((row) => serialize.file(ctx, row, false));

const BUILDERS: Record<RowType, Builder> = {
	organization: organizations,
	legislativeterm: legislativeTerms,
	person: people,
	membership: memberships,
	meeting: meetings,
	location: locations,
	agendaitem: agendaItems,
	consultation: consultations,
	paper: papers,
	file: files
};

/** The objects of `type` with these ids, in the order of `ids`; an id neither live nor deleted is left out. */
export async function buildObjects(
	tx: Tx,
	ctx: SerializeContext,
	type: RowType,
	ids: string[]
): Promise<OparlObject[]> {
	if (ids.length === 0) return [];
	const live = await BUILDERS[type](tx, ctx, ids);
	const byId = new Map(live.map((object) => [object.id.slice(object.id.lastIndexOf('/') + 1), object]));
	const missing = ids.filter((id) => !byId.has(id));
	for (const dead of await findTombstones(tx, type, missing)) byId.set(dead.id, serialize.tombstone(ctx, dead));
	return ids.map((id) => byId.get(id)).filter((object): object is OparlObject => object !== undefined);
}
