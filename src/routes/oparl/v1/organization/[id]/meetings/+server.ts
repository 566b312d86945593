import { badQuery, notFound, oparlJson, preflight, readOnly } from '$lib/server/oparl/oparl.http';
import { oparlRoute } from '$lib/server/oparl/oparl.route';
import { objectId, parseListQuery } from '$lib/server/oparl/oparl.schema';
import type { RequestHandler } from './$types';

/** The meetings of one organization (Organization.meeting is this list's address). */
export const GET: RequestHandler = oparlRoute(async (service, { params, url }) => {
	const id = objectId.safeParse(params.id);
	if (!id.success) return notFound();
	const query = parseListQuery(url.searchParams);
	if (!query.ok) return badQuery(query.problems);
	const page = await service.organizationMeetings(id.data, query.value);
	return page ? oparlJson(page) : notFound();
});
export const OPTIONS: RequestHandler = async () => preflight();
export const fallback: RequestHandler = async () => readOnly();
