import { badQuery, oparlJson, preflight, readOnly } from '$lib/server/oparl/oparl.http';
import { oparlRoute } from '$lib/server/oparl/oparl.route';
import { parseListQuery } from '$lib/server/oparl/oparl.schema';
import type { RequestHandler } from './$types';

/** The system's list of bodies (the one configured city). */
export const GET: RequestHandler = oparlRoute(async (service, { url }) => {
	const query = parseListQuery(url.searchParams);
	return query.ok ? oparlJson(await service.bodies(query.value)) : badQuery(query.problems);
});
export const OPTIONS: RequestHandler = async () => preflight();
export const fallback: RequestHandler = async () => readOnly();
