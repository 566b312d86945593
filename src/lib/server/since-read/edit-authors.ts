// Who wrote and who deleted what (#15), recorded by the collaboration server's commit in the same statement as the
// updates (collab.repository.ts, system task 'collab'): the update log is compacted away, these rows stay.
import * as Y from 'yjs';

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

/** What a commit records about its authors: rows for paper_edit_clients, paper_deletions and paper_editors. */
export interface EditRecords {
	/** Yjs client → its person (the first writer keeps a client). */
	clients: Map<number, string>;
	/** Deleted item ranges [client, clock, length, person], the first deleter of a range kept. */
	deletions: [number, number, number, string][];
	/** Everyone who edited. */
	users: string[];
}

/**
 * For updates of known people: which Yjs clients are theirs, which item ranges they deleted (the stored update
 * holds only what it newly deleted) and who edited. Updates without a person record nothing.
 */
export function editRecordsOf(updates: readonly { update: Uint8Array; userId: string | null }[]): EditRecords {
	const clients = new Map<number, string>();
	const users = new Set<string>();
	const deletions = new Map<string, [number, number, number, string]>();
	for (const { update, userId } of updates) {
		if (!userId) continue;
		users.add(userId);
		for (const client of clientsOf(update)) if (!clients.has(client)) clients.set(client, userId);
		for (const [client, clock, len] of deletionsOf(update)) {
			const key = `${client}:${clock}`;
			if (!deletions.has(key)) deletions.set(key, [client, clock, len, userId]);
		}
	}
	return { clients, deletions: [...deletions.values()], users: [...users] };
}
