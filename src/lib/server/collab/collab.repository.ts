// All SQL of the collaboration server. Runs inside withSystem(db, 'collab', …) or as a systemStatement.
import { randomBytes } from 'node:crypto';
import type { Statement, Tx } from '../db/types';
import { editRecordsOf } from '../since-read/edit-authors';

/** bytea comes back as Buffer (postgres.js) or Uint8Array (PGlite); both are Uint8Array views. */
export function bytes(value: unknown): Uint8Array {
	if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
	throw new Error('expected bytea');
}

/** Parameters go out as Buffer: postgres.js only recognises Buffer as bytea; PGlite takes any Uint8Array. */
const param = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export async function loadOrCreateSecret(tx: Tx): Promise<Uint8Array> {
	await tx.query(`insert into public.collab_secrets (id, secret) values (1, $1) on conflict (id) do nothing`, [
		param(randomBytes(32))
	]);
	const [row] = await tx.query<{ secret: unknown }>(`select secret from public.collab_secrets where id = 1`);
	return bytes(row!.secret);
}

export interface StoredUpdate {
	seq: number;
	update: Uint8Array;
}

export interface StoredDocument {
	snapshot: Uint8Array | null;
	throughSeq: number;
	updates: StoredUpdate[];
}

/** Snapshot plus every log row still there (compaction deleted exactly the ones it merged). */
export async function loadDocument(tx: Tx, docId: string): Promise<StoredDocument> {
	const [snap] = await tx.query<{ state: unknown; through_seq: string | number }>(
		`select state, through_seq from public.collab_snapshots where doc_id = $1`,
		[docId]
	);
	const rows = await tx.query<{ seq: string | number; update: unknown }>(
		`select seq, update from public.collab_updates where doc_id = $1 order by seq`,
		[docId]
	);
	return {
		snapshot: snap ? bytes(snap.state) : null,
		throughSeq: snap ? Number(snap.through_seq) : 0,
		updates: rows.map((row) => ({ seq: Number(row.seq), update: bytes(row.update) }))
	};
}

/** Log rows above `afterSeq` and the snapshot if it moved past it (for healing on other nodes). */
export async function loadSince(tx: Tx, input: { docId: string; afterSeq: number }): Promise<StoredDocument> {
	const [snap] = await tx.query<{ state: unknown; through_seq: string | number }>(
		`select state, through_seq from public.collab_snapshots where doc_id = $1 and through_seq > $2`,
		[input.docId, input.afterSeq]
	);
	const rows = await tx.query<{ seq: string | number; update: unknown }>(
		`select seq, update from public.collab_updates where doc_id = $1 and seq > $2 order by seq`,
		[input.docId, input.afterSeq]
	);
	return {
		snapshot: snap ? bytes(snap.state) : null,
		throughSeq: snap ? Number(snap.through_seq) : 0,
		updates: rows.map((row) => ({ seq: Number(row.seq), update: bytes(row.update) }))
	};
}

export interface NewUpdate {
	update: Uint8Array;
	userId: string | null;
}

/** A Postgres array literal of numbers or uuids (neither needs quoting). */
const arrayLiteral = (values: readonly (number | string)[]) => `{${values.join(',')}}`;

/**
 * Appends a batch to the log, records who changed the paper (which Yjs clients are whose, who deleted what, when
 * each person last edited) and touches the paper, all in one statement: its data-modifying parts run exactly once
 * each, against one snapshot, and the statement fails as a whole. Sent with its transaction as one batch
 * (persistence.ts), a group commit wakes this event loop and the database as rarely as possible while people type. A foreign-key violation (the paper or an author's account is gone), which group-commit.ts acts on,
 * comes back as the statement's error. Its rows are the new seqs in log order (`seqsOf`).
 */
export function appendUpdatesStatement(input: { docId: string; updates: NewUpdate[] }): Statement {
	const records = editRecordsOf(input.updates);
	const lastUser = input.updates.findLast((item) => item.userId)?.userId ?? null;
	const params: unknown[] = [
		input.docId,
		lastUser,
		arrayLiteral([...records.clients.keys()]),
		arrayLiteral([...records.clients.values()]),
		...[0, 1, 2, 3].map((i) => arrayLiteral(records.deletions.map((row) => row[i]!))),
		arrayLiteral(records.users)
	];
	const values: string[] = [];
	for (const item of input.updates) {
		params.push(param(item.update), item.userId);
		values.push(`($1::uuid, $${params.length - 1}, $${params.length}::uuid)`);
	}
	return {
		text: `with appended as (
		   insert into public.collab_updates (doc_id, update, user_id) values ${values.join(', ')} returning seq
		 ), clients as (
		   insert into public.paper_edit_clients (paper_id, client_id, user_id)
		   select $1::uuid, c, u from unnest($3::bigint[], $4::uuid[]) as t(c, u) on conflict do nothing
		 ), deletions as (
		   insert into public.paper_deletions (paper_id, client_id, clock, len, user_id)
		   select $1::uuid, c, k, l, u from unnest($5::bigint[], $6::bigint[], $7::int[], $8::uuid[]) as t(c, k, l, u)
		   on conflict do nothing
		 ), editors as (
		   insert into public.paper_editors (paper_id, user_id, last_edit_at)
		   select $1::uuid, u, now() from unnest($9::uuid[]) as u
		   on conflict (paper_id, user_id) do update set last_edit_at = excluded.last_edit_at
		 ), touched as (
		   update public.papers set updated_at = now(), updated_by = coalesce($2::uuid, updated_by) where id = $1::uuid
		 )
		 select seq from appended order by seq`,
		params
	};
}

/** The seqs of `appendUpdatesStatement`'s rows. */
export const seqsOf = (rows: { seq: string | number }[]) => rows.map((row) => Number(row.seq));

export async function countLog(tx: Tx, docId: string): Promise<number> {
	const [row] = await tx.query<{ n: string | number }>(
		`select count(*) as n from public.collab_updates where doc_id = $1`,
		[docId]
	);
	return Number(row?.n ?? 0);
}

/** Serialises compactions of one document across nodes (released at commit). */
export async function lockDocument(tx: Tx, docId: string): Promise<void> {
	await tx.query(`select pg_advisory_xact_lock(hashtextextended('collab:' || $1, 0))`, [docId]);
}

export async function saveSnapshot(
	tx: Tx,
	input: { docId: string; state: Uint8Array; stateVector: Uint8Array; throughSeq: number }
): Promise<void> {
	await tx.query(
		`insert into public.collab_snapshots (doc_id, state, state_vector, through_seq, updated_at) values ($1, $2, $3, $4, now())
		 on conflict (doc_id) do update set state = excluded.state, state_vector = excluded.state_vector,
		   through_seq = greatest(public.collab_snapshots.through_seq, excluded.through_seq), updated_at = now()`,
		[input.docId, param(input.state), param(input.stateVector), input.throughSeq]
	);
}

/** Deletes exactly the given log rows (those merged into the snapshot), never rows written meanwhile. */
export async function deleteUpdates(tx: Tx, input: { docId: string; seqs: number[] }): Promise<number> {
	const rows = await tx.query(
		`delete from public.collab_updates where doc_id = $1 and seq = any($2::bigint[]) returning seq`,
		[input.docId, `{${input.seqs.join(',')}}`]
	);
	return rows.length;
}

/** The paper's board (null when it does not exist). */
export async function paperBoard(tx: Tx, docId: string): Promise<string | null> {
	const [row] = await tx.query<{ board_id: string }>(`select board_id from public.papers where id = $1`, [docId]);
	return row?.board_id ?? null;
}

/** Under the user's RLS: their access to the paper, its board, and their display name. */
export async function ticketFacts(tx: Tx, paperId: string) {
	const [row] = await tx.query<{
		access: 'edit' | 'comment' | 'view' | null;
		board_id: string | null;
		display_name: string | null;
		frozen: boolean;
	}>(
		`select public.paper_access_of($1::uuid)::text as access,
		   (select board_id from public.papers where id = $1::uuid) as board_id,
		   (select display_name from public.profiles where user_id = (select auth.uid())) as display_name,
		   exists (select 1 from public.minutes where paper_id = $1::uuid and frozen_at is not null) as frozen`,
		[paperId]
	);
	return {
		access: row?.access ?? null,
		boardId: row?.board_id ?? null,
		displayName: row?.display_name ?? '',
		frozen: row?.frozen === true
	};
}
