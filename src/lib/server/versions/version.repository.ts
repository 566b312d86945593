import { randomUUID } from 'node:crypto';
import { insertOnce } from '../db/form-token';
import { ServiceError } from '../errors';
import type { Tx } from '../db/types';

export interface VersionRow {
	id: string;
	paperId: string;
	number: number;
	name: string | null;
	kind: 'auto' | 'named';
	createdAt: Date;
	createdByName: string | null;
}

const columns = `v.id, v.paper_id as "paperId", v.number, v.name, v.kind, v.created_at as "createdAt", p.display_name as "createdByName"`;

export async function listVersions(tx: Tx, paperId: string): Promise<VersionRow[]> {
	return tx.query<VersionRow>(
		`select ${columns} from public.paper_versions v left join public.profiles p on p.user_id = v.created_by
		 where v.paper_id = $1 order by v.number desc`,
		[paperId]
	);
}

/** One version with its stored state; null when unknown or not visible. */
export async function findVersion(
	tx: Tx,
	input: { paperId: string; versionId: string }
): Promise<(VersionRow & { state: Uint8Array }) | null> {
	const [row] = await tx.query<VersionRow & { state: Uint8Array }>(
		`select ${columns}, v.state from public.paper_versions v left join public.profiles p on p.user_id = v.created_by
		 where v.paper_id = $1 and v.id = $2`,
		[input.paperId, input.versionId]
	);
	return row ? { ...row, state: new Uint8Array(row.state) } : null;
}

/** The newest version's state and time (for the automatic versions); null when there is none. */
export async function latestVersion(tx: Tx, paperId: string): Promise<{ state: Uint8Array; createdAt: Date } | null> {
	const [row] = await tx.query<{ state: Uint8Array; createdAt: Date }>(
		`select state, created_at as "createdAt" from public.paper_versions where paper_id = $1 order by number desc limit 1`,
		[paperId]
	);
	return row ? { state: new Uint8Array(row.state), createdAt: row.createdAt } : null;
}

/** Stores a version with the next number of the paper. */
export async function insertVersion(
	tx: Tx,
	input: { paperId: string; kind: 'auto' | 'named'; name: string | null; state: Uint8Array; createdBy: string | null }
): Promise<{ id: string; number: number }> {
	const [row] = await tx.query<{ id: string; number: number }>(
		`insert into public.paper_versions (paper_id, number, name, kind, state, created_by)
		 select $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5 from public.paper_versions where paper_id = $1
		 returning id, number`,
		[input.paperId, input.name, input.kind, Buffer.from(input.state), input.createdBy]
	);
	return row!;
}

/**
 * A named version made by the versions form: with its one-time token a repeat returns the version it made
 * (`created` false) instead of the next number. Versions of one paper made by forms are numbered one after
 * the other (a transaction lock per paper), so a concurrent repeat finds the first one's token, not its number.
 */
export async function insertVersionOnce(
	tx: Tx,
	input: { paperId: string; name: string; state: Uint8Array; createdBy: string; formToken?: string | null }
): Promise<{ id: string; number: number; created: boolean }> {
	await tx.query(`select pg_advisory_xact_lock(hashtextextended('paper-version:' || $1, 0))`, [input.paperId]);
	const id = randomUUID();
	const written = await insertOnce(tx, {
		table: 'paper_versions',
		id,
		formToken: input.formToken,
		insert: () =>
			tx.query(
				`insert into public.paper_versions (id, paper_id, number, name, kind, state, created_by, form_token)
				 select $1, $2, coalesce(max(number), 0) + 1, $3, 'named', $4, $5, $6 from public.paper_versions where paper_id = $2
				 on conflict (form_token) do nothing`,
				[id, input.paperId, input.name, Buffer.from(input.state), input.createdBy, input.formToken ?? null]
			)
	});
	const [row] = await tx.query<{ number: number; paperId: string; createdBy: string | null }>(
		`select number, paper_id as "paperId", created_by as "createdBy" from public.paper_versions where id = $1`,
		[written.id]
	);
	// Only the same person's version of the same paper is a repeat of their form.
	if (!row || row.paperId !== input.paperId || row.createdBy !== input.createdBy)
		throw new ServiceError(409, 'form.error.tokenUsed');
	return { id: written.id, number: row.number, created: written.created };
}
