import { error } from '@sveltejs/kit';
import { calendarFeed } from '$lib/server/calendar/calendar.service';
import type { RequestHandler } from './$types';

/** The personal feed: no session, the secret in the address is the proof (see calendarFeed). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const ics = await calendarFeed({ db: locals.app.db, origin: locals.app.config.origin, token: params.secret });
	if (!ics) error(404, 'not found');
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, no-store',
			'referrer-policy': 'no-referrer'
		}
	});
};
