import type { AccessScope } from './hub';
import { TICKET_TTL_SECONDS, type TicketClaims } from './ticket';

/** Whether a socket (or ticket) for paper/user/board falls into an access-change scope. */
export function matchesScope(
	scope: AccessScope,
	target: { paperId: string; userId: string; boardId: string; sessionId?: string }
): boolean {
	if (!scope.paperId && !scope.userId && !scope.boardId && !scope.sessionId) return false;
	return (
		(!scope.paperId || scope.paperId === target.paperId) &&
		(!scope.userId || scope.userId === target.userId) &&
		(!scope.boardId || scope.boardId === target.boardId) &&
		(!scope.sessionId || scope.sessionId === target.sessionId) &&
		(!scope.exceptSessionId || scope.exceptSessionId !== target.sessionId)
	);
}

/**
 * Access changes of the last ticket lifetime: a ticket issued before a change in its scope is refused,
 * so a client cannot reconnect with the old access while its ticket is still valid.
 */
export class RevocationList {
	private entries: { scope: AccessScope; at: number }[] = [];

	add(scope: AccessScope, at: number) {
		this.prune(Date.now());
		this.entries.push({ scope, at });
	}

	refuses(claims: TicketClaims): boolean {
		this.prune(Date.now());
		const target = { paperId: claims.doc, userId: claims.sub, boardId: claims.board, sessionId: claims.sid };
		return this.entries.some((entry) => claims.ts <= entry.at && matchesScope(entry.scope, target));
	}

	private prune(now: number) {
		const horizon = now - (TICKET_TTL_SECONDS + 30) * 1000;
		this.entries = this.entries.filter((entry) => entry.at >= horizon);
	}
}
