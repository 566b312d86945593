import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { isUuid } from '$lib/server/common.schema';
import { jsonEndpoint, loadBoard } from '$lib/server/http';
import { liveTicketService } from '$lib/server/services';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

/**
 * POST -> {ticket, url}: a ticket for the meeting's live socket (/collab/live/<id>), for people who
 * see the meeting (the route rule in hooks.server.ts, then RLS). Refusals as JSON {message}.
 */
export const POST: RequestHandler = async ({ locals, params, url }) => {
	if (!isUuid(params.id))
		return json({ message: translate(locals.locale, 'error.notFound') }, { status: 404, headers: noStore });
	return jsonEndpoint(
		locals.locale,
		async () => {
			const board = await loadBoard(locals, params.board);
			return json(await liveTicketService(locals, url.origin).issue(board, params.id), { headers: noStore });
		},
		noStore
	);
};
