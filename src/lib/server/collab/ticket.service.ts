import type { Database } from '../db/types';
import type { ScopedDb } from '../db/scoped';
import { ServiceError } from '../errors';
import type { CollabTicket } from '../../collab/protocol';
import { ticketFacts } from './collab.repository';
import { loadSecret } from './persistence';
import { colourFor, signTicket } from './ticket';

export interface TicketServiceDeps {
	/** The requester's RLS-scoped database. */
	db: ScopedDb;
	/** The process database, for the signing secret (system task 'collab'). */
	systemDb: Database;
	/** Public URL of the app; the socket URL is derived from it. */
	origin: string;
	/** sessionId: the sign-in session asking (the JWT's session_id); its end closes the socket. */
	actor: { userId: string; sessionId?: string };
}

/** ws(s)://host/collab/<paper>?ticket=… from the app's public origin. */
export function socketUrl(origin: string, paperId: string, ticket: string): string {
	const url = new URL(`/collab/${paperId}`, origin);
	url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
	url.searchParams.set('ticket', ticket);
	return url.href;
}

export function createTicketService(deps: TicketServiceDeps) {
	return {
		/** A ~60 s ticket for the paper's socket, carrying the access the user has right now. */
		async issue(paperId: string): Promise<CollabTicket> {
			const facts = await deps.db.run((tx) => ticketFacts(tx, paperId));
			// No access and no such paper look the same: nobody learns which papers exist.
			if (!facts.access || !facts.boardId) throw new ServiceError(404, 'collab.error.noAccess');
			const secret = await loadSecret(deps.systemDb);
			const ticket = await signTicket(secret, {
				sub: deps.actor.userId,
				doc: paperId,
				board: facts.boardId,
				access: facts.access,
				name: facts.displayName,
				color: colourFor(deps.actor.userId),
				sid: deps.actor.sessionId ?? ''
			});
			return { ticket, url: socketUrl(deps.origin, paperId, ticket), access: facts.access, frozen: facts.frozen };
		}
	};
}
