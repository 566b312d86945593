import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { meetingService } from '$lib/server/services';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import type { RequestHandler } from './$types';

/** One meeting as iCalendar, for whoever may see it (RLS). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!z.uuid().safeParse(params.id).success) error(404, translate(locals.locale, 'error.notFound'));
	const board = await loadBoard(locals, params.board);
	const ics = await orErrorPage(locals, meetingService(locals).ics(board, params.id, locals.locale));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="sitzung-${params.id}.ics"`
		}
	});
};
