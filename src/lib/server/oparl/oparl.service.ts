import { oparlPath, type OparlList } from '$lib/public/links';
import { withAnon } from '../db/scoped';
import type { Database, Tx } from '../db/types';
import type { OparlBodyConfig } from '../config';
import { loadBoards } from './oparl-load.repository';
import { buildObjects } from './oparl-objects';
import { bodyStamps, listPage as findPage } from './oparl.repository';
import { listPage, offsetOf, type ListPage } from './oparl.pagination';
import type { ListQuery } from './oparl.schema';
import * as serialize from './oparl.serialize';
import type { OparlObject, SerializeContext } from './oparl.serialize';
import type { RowType } from './oparl.types';

// The OParl interface's reads. Always as `anon`, whoever asks (a signed-in member too): the API shows the
// public, and the database's policies are what make it public, not this code.

export interface OparlServiceDeps {
	db: Database;
	/** The configured ORIGIN. */
	origin: string;
	body: OparlBodyConfig;
}

/** The type each of the body's lists holds. */
export const LIST_TYPES: Record<OparlList, RowType> = {
	organizations: 'organization',
	people: 'person',
	memberships: 'membership',
	meetings: 'meeting',
	'agenda-items': 'agendaitem',
	consultations: 'consultation',
	papers: 'paper',
	files: 'file',
	locations: 'location',
	'legislative-terms': 'legislativeterm'
};

export function createOparlService(deps: OparlServiceDeps) {
	const context = (omitInternal: boolean): SerializeContext => ({ origin: deps.origin, body: deps.body, omitInternal });
	const read = <T>(fn: (tx: Tx) => Promise<T>) => withAnon(deps.db, fn);
	// Before anything was ever published, the stamps fall back to a fixed time rather than "now" (stable answers).
	const stampsOf = async (tx: Tx) => {
		const found = await bodyStamps(tx);
		const created = found.created ?? new Date(0);
		return { created, modified: found.modified ?? created };
	};

	/** One page of the objects of `type` (of one board, when given) at the list address `base`. */
	const page = (input: { type: RowType; base: string; query: ListQuery; boardId?: string }) =>
		read(async (tx) => {
			const { rows, total } = await findPage(tx, {
				type: input.type,
				filters: input.query.filters,
				boardId: input.boardId,
				limit: input.query.pageSize,
				offset: offsetOf(input.query)
			});
			const ids = rows.map((row) => row.id);
			const objects = await buildObjects(tx, context(input.query.omitInternal), input.type, ids);
			return listPage(`${deps.origin}${input.base}`, input.query, objects, total);
		});

	return {
		system(): Promise<OparlObject> {
			return read(async (tx) => serialize.system(context(false), await stampsOf(tx)));
		},

		/** The system's list of bodies: the one configured body. */
		bodies(query: ListQuery): Promise<ListPage<OparlObject>> {
			return read(async (tx) => {
				const [boards, when] = await Promise.all([loadBoards(tx, null), stampsOf(tx)]);
				const all = [serialize.body(context(query.omitInternal), boards, when)];
				const shown = all.filter((b) => inFilters(b, query));
				const slice = shown.slice(offsetOf(query), offsetOf(query) + query.pageSize);
				return listPage(`${deps.origin}${oparlPath.bodies()}`, query, slice, shown.length);
			});
		},

		/** The body, when `key` is the configured one. */
		body(key: string, omitInternal: boolean): Promise<OparlObject | null> {
			if (key !== deps.body.key) return Promise.resolve(null);
			return read(async (tx) => {
				const [boards, when] = await Promise.all([loadBoards(tx, null), stampsOf(tx)]);
				return serialize.body(context(omitInternal), boards, when);
			});
		},

		/** One object, live or deleted; null when it never was public. */
		object(type: RowType, id: string, omitInternal: boolean): Promise<OparlObject | null> {
			return read(async (tx) => (await buildObjects(tx, context(omitInternal), type, [id.toLowerCase()]))[0] ?? null);
		},

		/** One page of one of the body's lists; null for another body's key. */
		list(key: string, list: OparlList, query: ListQuery): Promise<ListPage<OparlObject> | null> {
			if (key !== deps.body.key) return Promise.resolve(null);
			return page({ type: LIST_TYPES[list], base: oparlPath.bodyList(key, list), query });
		},

		/** One page of an organization's meetings; null for an organization that never was public. */
		async organizationMeetings(id: string, query: ListQuery): Promise<ListPage<OparlObject> | null> {
			const known = await read((tx) => buildObjects(tx, context(true), 'organization', [id]));
			if (known.length === 0) return null;
			return page({ type: 'meeting', base: oparlPath.organizationMeetings(id), query, boardId: id });
		}
	};
}

export type OparlService = ReturnType<typeof createOparlService>;

/** The body list's filter, applied in memory (one object). */
function inFilters(object: OparlObject, query: ListQuery): boolean {
	const created = new Date(String(object.created));
	const modified = new Date(String(object.modified));
	const f = query.filters;
	return (
		(!f.createdSince || created >= f.createdSince) &&
		(!f.createdUntil || created <= f.createdUntil) &&
		(!f.modifiedSince || modified >= f.modifiedSince) &&
		(!f.modifiedUntil || modified <= f.modifiedUntil)
	);
}
