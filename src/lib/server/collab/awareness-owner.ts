// One awareness client per socket. A socket speaks for the first client id it announces with a
// live state that nobody else owns; entries for any other id are dropped. (y-websocket clients also
// echo the states they received from others: those ids are owned by other sockets and never bind.)
import type { AwarenessEntry } from './messages';

export interface OwnAwareness {
	/** The socket's client id after these entries (null until it announced one). */
	clientId: number | null;
	/** The entries the socket may apply: only those of its own client id. */
	entries: AwarenessEntry[];
}

export function ownAwareness(
	entries: AwarenessEntry[],
	clientId: number | null,
	ownedByOther: (clientId: number) => boolean
): OwnAwareness {
	let own = clientId;
	if (own === null)
		own = entries.find((entry) => entry.state !== null && !ownedByOther(entry.clientId))?.clientId ?? null;
	return { clientId: own, entries: own === null ? [] : entries.filter((entry) => entry.clientId === own) };
}

/** Size of an awareness state as it goes over the wire (JSON, UTF-8). */
export function awarenessStateBytes(state: AwarenessEntry['state']): number {
	return Buffer.byteLength(JSON.stringify(state));
}
