import type { RequestContext } from '../context';
import { getCollabHub } from '../collab/collab-process';
import { fileService, requireUser } from '../services';
import { createRoundService } from './round.service';

/** Consultation rounds of a request (#15), wired as the other services (src/lib/server/services.ts). */
export function roundService(locals: RequestContext) {
	const user = requireUser(locals);
	return createRoundService({
		db: locals.db,
		systemDb: locals.app.db,
		hub: getCollabHub(),
		mailer: locals.app.mailer,
		origin: locals.app.config.origin,
		actor: { userId: user.userId, displayName: user.displayName },
		attachFile: (board, input) => fileService(locals).upload(board, input)
	});
}
