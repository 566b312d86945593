// Who wrote and who deleted what (#15), recorded by the collaboration server's commit in the same transaction as the
// updates (system task 'collab'): the update log is compacted away, these rows stay.
import * as Y from 'yjs';
import type { Tx } from '../db/types';

/** The Yjs clients whose insertions an update carries. */
function clientsOf(update: Uint8Array): number[] {
	try {
		return [...Y.parseUpdateMeta(update).from.keys()];
	} catch {
		return [];
	}
}

/** The item ranges an update deletes: [client, clock, length]. */
export function deletionsOf(update: Uint8Array): [number, number, number][] {
	try {
		const ranges: [number, number, number][] = [];
		for (const [client, items] of Y.decodeUpdate(update).ds.clients)
			for (const item of items) if (item.len > 0) ranges.push([client, item.clock, item.len]);
		return ranges;
	} catch {
		return [];
	}
}

/**
 * Records, for updates of known people, which Yjs clients are theirs (first writer keeps a client), which
 * item ranges they deleted (the stored update holds only what it newly deleted) and when each person last
 * edited the paper.
 */
export async function recordEditors(
	tx: Tx,
	input: { docId: string; updates: { update: Uint8Array; userId: string | null }[] }
): Promise<void> {
	const clients = new Map<number, string>();
	const users = new Set<string>();
	const deletions = new Map<string, [number, number, number, string]>();
	for (const { update, userId } of input.updates) {
		if (!userId) continue;
		users.add(userId);
		for (const client of clientsOf(update)) if (!clients.has(client)) clients.set(client, userId);
		for (const [client, clock, len] of deletionsOf(update)) {
			const key = `${client}:${clock}`;
			if (!deletions.has(key)) deletions.set(key, [client, clock, len, userId]);
		}
	}
	if (users.size === 0) return;
	if (clients.size > 0)
		await tx.query(
			`insert into public.paper_edit_clients (paper_id, client_id, user_id)
			 select $1, c, u from unnest($2::bigint[], $3::uuid[]) as t(c, u) on conflict do nothing`,
			[input.docId, `{${[...clients.keys()].join(',')}}`, `{${[...clients.values()].join(',')}}`]
		);
	if (deletions.size > 0) {
		const rows = [...deletions.values()];
		await tx.query(
			`insert into public.paper_deletions (paper_id, client_id, clock, len, user_id)
			 select $1, c, k, l, u from unnest($2::bigint[], $3::bigint[], $4::int[], $5::uuid[]) as t(c, k, l, u)
			 on conflict do nothing`,
			[input.docId, ...[0, 1, 2, 3].map((i) => `{${rows.map((row) => row[i]).join(',')}}`)]
		);
	}
	await tx.query(
		`insert into public.paper_editors (paper_id, user_id, last_edit_at)
		 select $1, u, now() from unnest($2::uuid[]) as u
		 on conflict (paper_id, user_id) do update set last_edit_at = excluded.last_edit_at`,
		[input.docId, `{${[...users].join(',')}}`]
	);
}
