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
	for (const struct of decoded.structs) if (!(struct instanceof Y.Skip)) need(struct.id.client, struct.id.clock + struct.length);
	for (const [client, deletes] of decoded.ds.clients) for (const range of deletes) need(client, range.clock + range.len);
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
