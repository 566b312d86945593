import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { jsonEndpoint } from '$lib/server/http';
import { ticketRequestSchema } from '$lib/server/collab/collab.schema';
import { collabTicketService } from '$lib/server/services';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

/**
 * POST {paperId} -> {ticket, url, access}; refusals as JSON {message} in the user's language.
 * The socket URL uses the request's origin (ORIGIN in production, the dev server's port in `npm run dev`).
 */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	if (!locals.user)
		return json({ message: translate(locals.locale, 'collab.error.signedOut') }, { status: 401, headers: noStore });
	const parsed = ticketRequestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success)
		return json(
			{ message: translate(locals.locale, 'collab.error.invalidRequest') },
			{ status: 400, headers: noStore }
		);
	return jsonEndpoint(
		locals.locale,
		async () => json(await collabTicketService(locals, url.origin).issue(parsed.data.paperId), { headers: noStore }),
		noStore
	);
};
