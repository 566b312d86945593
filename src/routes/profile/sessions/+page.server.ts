import { sessionService } from '$lib/server/services';
import { endSessionSchema } from '$lib/server/auth/session.schema';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	sessions: await sessionService(locals).list(),
	provider: locals.app.auth.kind
});

export const actions: Actions = {
	end: (event) =>
		formAction({
			event,
			schema: endSessionSchema,
			done: 'end',
			message: 'profile.sessions.ended',
			run: (locals, data) => sessionService(locals).end(data.sessionId)
		}),

	endOthers: (event) =>
		formAction({
			event,
			done: 'endOthers',
			message: 'profile.sessions.endedOthers',
			run: (locals) => sessionService(locals).endOthers()
		})
};
