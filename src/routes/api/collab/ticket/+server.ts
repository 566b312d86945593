import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { ServiceError } from '$lib/server/errors';
import { ticketRequestSchema } from '$lib/server/collab/ticket.service';
import { collabTicketService } from '$lib/server/services';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

/**
 * POST {paperId} -> {ticket, url, access}; refusals as JSON {message} in the user's language.
 * The socket URL uses the request's origin (ORIGIN in production, the dev server's port in `npm run dev`).
 */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	if (!locals.user) return json({ message: translate(locals.locale, 'collab.error.signedOut') }, { status: 401, headers: noStore });
	const parsed = ticketRequestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ message: translate(locals.locale, 'collab.error.invalidRequest') }, { status: 400, headers: noStore });
	try {
		return json(await collabTicketService(locals, url.origin).issue(parsed.data.paperId), { headers: noStore });
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return json({ message: translate(locals.locale, error.messageKey, error.params) }, { status: error.status, headers: noStore });
	}
};
