import { translate, type Locale, type MessageKey } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { forbidden } from '../errors';
import { can, type BoardContext } from '../boards/policy';
import { decisionsCsv } from '../decisions/decision-csv';
import { listActorIds, listBoards, listEvents, personNames } from './audit.repository';
import { describeEvent, personIds } from './audit-describe';
import type { AuditChange, AuditFilter, AuditRow } from '$lib/types/audit.types';

export interface AuditServiceDeps {
	db: ScopedDb;
	actor: { isAdmin: boolean };
	locale: Locale;
}

/** Entries per page; the CSV takes up to CSV_LIMIT. */
export const PAGE_SIZE = 50;
const CSV_LIMIT = 10_000;

export interface AuditPage {
	rows: AuditRow[];
	/** Cursor for the next (older) page, null on the last page. */
	nextBefore: number | null;
	people: { id: string; name: string }[];
	boards: { id: string; name: string }[];
}

/** "before → after" for updates; a created or deleted row's fields show their one value. */
function changeText(change: AuditChange): string {
	if (change.before === '') return change.after;
	if (change.after === '') return change.before;
	return `${change.before} → ${change.after}`;
}

export function createAuditService({ db, actor, locale }: AuditServiceDeps) {
	/** The office of the board and platform admins read a board's trail; the database (RLS) agrees. */
	const requireReader = (board: BoardContext) => {
		if (!can(actor, 'audit.read', board)) throw forbidden();
	};
	const requireAdmin = () => {
		if (!can(actor, 'platform.admin')) throw forbidden();
	};

	async function page(tx: Tx, boardId: string | null, filter: AuditFilter): Promise<AuditPage> {
		const events = await listEvents(tx, { boardId, filter, limit: PAGE_SIZE + 1 });
		const shown = events.slice(0, PAGE_SIZE);
		const actorIds = await listActorIds(tx, boardId ?? filter.boardId ?? null);
		const names = await personNames(tx, [...new Set([...personIds(shown), ...actorIds])]);
		const people = actorIds
			.map((id) => ({ id, name: names.get(id) ?? translate(locale, 'audit.person.former') }))
			.sort((a, b) => a.name.localeCompare(b.name, locale));
		return {
			rows: shown.map((event) => describeEvent(locale, names, event)),
			nextBefore: events.length > PAGE_SIZE ? shown.at(-1)!.id : null,
			people,
			boards: boardId ? [] : await listBoards(tx)
		};
	}

	async function csvOf(tx: Tx, boardId: string | null, filter: AuditFilter): Promise<string> {
		const events = await listEvents(tx, { boardId, filter: { ...filter, before: undefined }, limit: CSV_LIMIT });
		const names = await personNames(tx, personIds(events));
		const rows = events.map((event) => describeEvent(locale, names, event));
		const columns: MessageKey[] = [
			'audit.column.time',
			...(boardId ? [] : ['audit.column.board' as const]),
			'audit.column.person',
			'audit.column.action',
			'audit.column.object',
			'audit.column.details'
		];
		const header = columns.map((key) => translate(locale, key));
		const changes = (row: AuditRow) => row.changes.map((c) => `${c.field}: ${changeText(c)}`).join('\n');
		return decisionsCsv(
			header,
			rows.map((row) => [
				row.occurredAt,
				...(boardId ? [] : [row.boardName ?? '']),
				row.person,
				row.action,
				row.object,
				changes(row)
			])
		);
	}

	return {
		/** One page of a board's trail (office of the board, platform admin). */
		async list(board: BoardContext, filter: AuditFilter): Promise<AuditPage> {
			requireReader(board);
			return db.run((tx) => page(tx, board.id, filter));
		},

		/** One page across all boards (platform admin), optionally one board via the filter. */
		async listAll(filter: AuditFilter): Promise<AuditPage> {
			requireAdmin();
			return db.run((tx) => page(tx, null, filter));
		},

		async csv(board: BoardContext, filter: AuditFilter): Promise<string> {
			requireReader(board);
			return db.run((tx) => csvOf(tx, board.id, filter));
		},

		async csvAll(filter: AuditFilter): Promise<string> {
			requireAdmin();
			return db.run((tx) => csvOf(tx, null, filter));
		}
	};
}
