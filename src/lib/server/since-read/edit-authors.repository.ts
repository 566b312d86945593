// Who wrote what (#15), recorded by the collaboration server's commit in the same transaction as the
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

/**
 * Records, for updates of known people, which Yjs clients are theirs (first writer keeps a client) and when
 * each person last edited the paper.
 */
export async function recordEditors(
	tx: Tx,
	input: { docId: string; updates: { update: Uint8Array; userId: string | null }[] }
): Promise<void> {
	const clients = new Map<number, string>();
	const users = new Set<string>();
	for (const { update, userId } of input.updates) {
		if (!userId) continue;
		users.add(userId);
		for (const client of clientsOf(update)) if (!clients.has(client)) clients.set(client, userId);
	}
	if (users.size === 0) return;
	if (clients.size > 0)
		await tx.query(
			`insert into public.paper_edit_clients (paper_id, client_id, user_id)
			 select $1, c, u from unnest($2::bigint[], $3::uuid[]) as t(c, u) on conflict do nothing`,
			[input.docId, `{${[...clients.keys()].join(',')}}`, `{${[...clients.values()].join(',')}}`]
		);
	await tx.query(
		`insert into public.paper_editors (paper_id, user_id, last_edit_at)
		 select $1, u, now() from unnest($2::uuid[]) as u
		 on conflict (paper_id, user_id) do update set last_edit_at = excluded.last_edit_at`,
		[input.docId, `{${[...users].join(',')}}`]
	);
}
