import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { RevocationList } from './revocations';
import type { TicketLedger } from './ticket-ledger';
import { verifyTicket, type TicketClaims } from './ticket';
import { isUuid } from '../common.schema';

const PREFIX = '/collab/';

/** The paper id of a /collab/<uuid> path, or null. */
export function paperIdFromPath(pathname: string): string | null {
	const id = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : '';
	return isUuid(id) ? id.toLowerCase() : null;
}

/** Answers an upgrade request with a plain HTTP status on the raw socket, then closes it. */
export function refuseUpgrade(socket: Duplex, status: number): void {
	socket.on('error', () => {});
	if (socket.writable) {
		const reason = STATUS_CODES[status] ?? 'Error';
		socket.write(
			`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`
		);
	}
	socket.destroy();
}

export type UpgradeDecision = { ok: true; paperId: string; claims: TicketClaims } | { ok: false; status: number };

/**
 * Decides an upgrade before any WebSocket exists: the path names a paper, the ticket is signed,
 * unexpired, for that paper, not older than an access change in its scope, and not used before.
 */
export async function authorizeUpgrade(input: {
	/** request.url of the upgrade (path and query). */
	url: string | undefined;
	secret: () => Promise<Uint8Array>;
	revocations: RevocationList;
	tickets: Pick<TicketLedger, 'claim'>;
}): Promise<UpgradeDecision> {
	const url = new URL(input.url ?? '/', 'http://localhost');
	const paperId = paperIdFromPath(url.pathname);
	if (!paperId) return { ok: false, status: 404 };
	const check = await verifyTicket(await input.secret(), url.searchParams.get('ticket'), paperId);
	if (!check.ok) return { ok: false, status: check.status };
	if (input.revocations.refuses(check.claims)) return { ok: false, status: 401 };
	if (!(await input.tickets.claim(check.claims))) return { ok: false, status: 401 };
	return { ok: true, paperId, claims: check.claims };
}
