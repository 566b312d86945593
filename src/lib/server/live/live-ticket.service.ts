import type { Database } from '../db/types';
import type { ScopedDb } from '../db/scoped';
import { isFullRole, type BoardContext } from '../boards/policy';
import { forbidden } from '../errors';
import { meetingOr404 } from '../meetings/meeting.service';
import { loadSecret } from '../collab/persistence';
import type { LiveTicket } from '../../live/live-protocol';
import { signLiveTicket } from './live-ticket';

export interface LiveTicketServiceDeps {
	/** The requester's RLS-scoped database: the meeting must be visible to them. */
	db: ScopedDb;
	/** The process database, for the signing secret (system task 'collab'). */
	systemDb: Database;
	/** The request's origin; the socket URL is derived from it. */
	origin: string;
	/** sessionId: the sign-in session asking; ending it closes the socket. */
	actor: { userId: string; sessionId?: string };
}

/** ws(s)://host/collab/live/<meeting>?ticket=… from the app's public origin. */
export function liveSocketUrl(origin: string, meetingId: string, ticket: string): string {
	const url = new URL(`/collab/live/${meetingId}`, origin);
	url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
	url.searchParams.set('ticket', ticket);
	return url.href;
}

export function createLiveTicketService(deps: LiveTicketServiceDeps) {
	return {
		/**
		 * A ~60 s ticket for the meeting's live socket, only for people who see the meeting (RLS): full
		 * members get everything published, guests (scope 'public') the public part only.
		 */
		async issue(board: BoardContext, meetingId: string): Promise<LiveTicket> {
			if (!board.role) throw forbidden();
			await deps.db.run((tx) => meetingOr404(tx, board, meetingId));
			const ticket = await signLiveTicket(await loadSecret(deps.systemDb), {
				sub: deps.actor.userId,
				meeting: meetingId,
				board: board.id,
				scope: isFullRole(board.role) ? 'full' : 'public',
				sid: deps.actor.sessionId ?? ''
			});
			return { ticket, url: liveSocketUrl(deps.origin, meetingId, ticket) };
		}
	};
}
