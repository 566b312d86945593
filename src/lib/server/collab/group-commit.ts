// One group commit of a document's queued writes. A write that cannot be stored must not take the
// others down with it: when the batch fails on a foreign key and the paper still exists, the rows
// are stored one at a time, and a row whose author's account is gone (removed meanwhile) is stored
// without attribution, as removal does with that person's earlier rows. The Y.Doc in memory already
// holds and has broadcast that text; leaving it out of the log would break the rows built on it.
import * as Y from 'yjs';
import type { Database } from '../db/types';
import { appendUpdates, paperExists } from './persistence';

/** A queued write: the update, its author and, for a socket's write, the socket and its message number. */
export interface PendingWrite<Peer = unknown> {
	update: Uint8Array;
	userId: string | null;
	peer?: Peer;
	index?: number;
}

/** Consecutive writes of one author: one log row. */
export interface LogRow<Peer = unknown> {
	update: Uint8Array;
	userId: string | null;
	writes: PendingWrite<Peer>[];
}

export interface CommitResult<Peer = unknown> {
	/** Rows now durable (userId null for rows stored without attribution). */
	stored: LogRow<Peer>[];
	seqs: number[];
	/** Writes to try again after a pause (a transient failure). */
	retry: PendingWrite<Peer>[];
	/** Authors whose account is gone: their rows were stored without attribution. */
	unattributed: string[];
	/** The paper was deleted: nothing can be stored. */
	paperGone: boolean;
	/** The failure this commit ran into, if any (stored rows may still exist). */
	error: unknown;
}

/** Consecutive writes of one person become one log row (fewer rows, same content). */
export function groupByAuthor<Peer>(batch: PendingWrite<Peer>[]): LogRow<Peer>[] {
	const groups: { userId: string | null; writes: PendingWrite<Peer>[] }[] = [];
	for (const write of batch) {
		const last = groups.at(-1);
		if (last && last.userId === write.userId) last.writes.push(write);
		else groups.push({ userId: write.userId, writes: [write] });
	}
	return groups.map((group) => ({
		...group,
		update:
			group.writes.length === 1 ? group.writes[0]!.update : Y.mergeUpdates(group.writes.map((write) => write.update))
	}));
}

/** A foreign-key violation: the paper or an author's account no longer exists. */
export function foreignKeyViolation(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === '23503';
}

export async function commitBatch<Peer>(
	db: Database,
	docId: string,
	batch: PendingWrite<Peer>[]
): Promise<CommitResult<Peer>> {
	const rows = groupByAuthor(batch);
	const result: CommitResult<Peer> = {
		stored: [],
		seqs: [],
		retry: [],
		unattributed: [],
		paperGone: false,
		error: null
	};
	try {
		result.seqs = await appendUpdates(db, docId, rows);
		result.stored = rows;
		return result;
	} catch (error) {
		result.error = error;
		if (!foreignKeyViolation(error)) return { ...result, retry: batch };
	}
	try {
		if (!(await paperExists(db, docId))) return { ...result, paperGone: true };
	} catch {
		return { ...result, retry: batch };
	}
	for (const [i, row] of rows.entries()) {
		const stored = await storeAlone(db, docId, row);
		if (!stored) {
			result.retry = rows.slice(i).flatMap((rest) => rest.writes);
			break;
		}
		result.seqs.push(...stored.seqs);
		result.stored.push(stored.row);
		if (row.userId !== null && stored.row.userId === null) result.unattributed.push(row.userId);
	}
	return result;
}

/** Stores one row; without attribution when its author's account is gone. Null: try again later. */
async function storeAlone<Peer>(
	db: Database,
	docId: string,
	row: LogRow<Peer>
): Promise<{ row: LogRow<Peer>; seqs: number[] } | null> {
	try {
		return { row, seqs: await appendUpdates(db, docId, [row]) };
	} catch (error) {
		if (!foreignKeyViolation(error) || row.userId === null) return null;
	}
	const anonymous = { ...row, userId: null };
	try {
		return { row: anonymous, seqs: await appendUpdates(db, docId, [anonymous]) };
	} catch {
		return null;
	}
}
