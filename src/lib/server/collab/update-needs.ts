// Whether an update is fully part of a document. Yjs parks what it cannot integrate yet (a missing
// dependency) in store.pendingStructs / pendingDs: that part is neither stored nor broadcast, so it
// must not be acknowledged as saved. An update is integrated once, for every client it carries
// structs of or deletes items of, the document's state (next clock) has reached the end of them.
import * as Y from 'yjs';

/** Per client id, the state (next clock) the document needs for an update to be integrated. */
export type UpdateNeeds = Map<number, number>;

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export function needsOf(decoded: DecodedUpdate): UpdateNeeds {
	const needs: UpdateNeeds = new Map();
	const need = (client: number, clock: number) => needs.set(client, Math.max(needs.get(client) ?? 0, clock));
	for (const struct of decoded.structs)
		if (!(struct instanceof Y.Skip)) need(struct.id.client, struct.id.clock + struct.length);
	for (const [client, deletes] of decoded.ds.clients)
		for (const range of deletes) need(client, range.clock + range.len);
	return needs;
}

export function mergeNeeds(a: UpdateNeeds, b: UpdateNeeds): UpdateNeeds {
	const merged = new Map(a);
	for (const [client, clock] of b) merged.set(client, Math.max(merged.get(client) ?? 0, clock));
	return merged;
}

export function isIntegrated(doc: Y.Doc, needs: UpdateNeeds): boolean {
	for (const [client, clock] of needs) if (Y.getState(doc.store, client) < clock) return false;
	return true;
}

/** Whether [clock, clock + len) lies inside one of the sorted, merged ranges. */
function covered(ranges: readonly { clock: number; len: number }[] | undefined, clock: number, len: number): boolean {
	let lo = 0;
	let hi = (ranges?.length ?? 0) - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const range = ranges![mid]!;
		if (clock < range.clock) hi = mid - 1;
		else if (clock >= range.clock + range.len) lo = mid + 1;
		else return clock + len <= range.clock + range.len;
	}
	return false;
}

/**
 * Whether applying the update would change the document: content it does not have yet, or deletions of
 * items it still shows. A read-only socket's sync step 2 normally changes nothing; one that would is an
 * edit the server refuses (and says so), not noise to drop.
 */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
	const decoded = Y.decodeUpdate(update);
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Skip) && Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length)
			return true;
	}
	if (decoded.ds.clients.size === 0) return false;
	// Merged ranges: a span deleted in the document is one range there.
	const deleted = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of decoded.ds.clients) {
		for (const range of ranges) if (!covered(deleted.clients.get(client), range.clock, range.len)) return true;
	}
	return false;
}
