import type { Claims } from '../db/scoped';
import { ServiceError } from '../errors';
import type { AccessScope } from '../collab/hub';
import { toServiceError } from './auth.service';
import type { AuthSession } from './port';
import { describeDevice, shortenAddress } from './session-display';
import type { SessionList } from './session.types';

export interface SessionServiceDeps {
	/** Auth bound to the request's cookies. */
	session: AuthSession;
	/** The request's verified claims (whose sessions, and which one is "this device"). */
	claims: Claims;
	/** Closes collaboration sockets opened from ended sessions. */
	collab: { accessChanged(scope: AccessScope): void };
}

/** Ends every other session of the person and closes their sockets; used by the list and by password changes. */
export async function endOtherSessions(deps: SessionServiceDeps): Promise<void> {
	const { claims } = deps;
	const ended = await deps.session.endOtherSessions(claims);
	if (ended === null) deps.collab.accessChanged({ userId: claims.sub, exceptSessionId: claims.session_id });
	else for (const sessionId of ended) deps.collab.accessChanged({ sessionId });
}

/** A person's own sign-in sessions: list them, end one, end all others. */
export function createSessionService(deps: SessionServiceDeps) {
	const { session, claims, collab } = deps;
	return {
		async list(): Promise<SessionList> {
			const records = await session.listSessions(claims);
			if (records === null) return { listed: false };
			return {
				listed: true,
				sessions: records.map((record) => ({
					id: record.id,
					...describeDevice(record.userAgent),
					address: shortenAddress(record.ip),
					createdAt: record.createdAt.toISOString(),
					lastUsedAt: record.lastUsedAt.toISOString(),
					current: record.id === claims.session_id
				}))
			};
		},

		/** Ends another of the person's sessions at once: its next request is signed out, its sockets close now. */
		async end(sessionId: string): Promise<void> {
			// This browser leaves through "sign out", which also clears its cookies.
			if (sessionId === claims.session_id) throw new ServiceError(400, 'profile.sessions.error.current');
			if (!(await session.endSession(claims, sessionId)))
				throw new ServiceError(404, 'profile.sessions.error.notFound');
			collab.accessChanged({ sessionId });
		},

		async endOthers(): Promise<void> {
			await endOtherSessions(deps).catch((error: unknown) => {
				throw toServiceError(error);
			});
		}
	};
}

export type SessionService = ReturnType<typeof createSessionService>;
