import { boardResource, idParam } from '$lib/server/http';
import { meetingService } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** One meeting as iCalendar, for whoever may see it (RLS). */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	const id = idParam(locals, params.id);
	const ics = await boardResource(event, (board) => meetingService(locals).ics(board, id, locals.locale));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="sitzung-${params.id}.ics"`
		}
	});
};
