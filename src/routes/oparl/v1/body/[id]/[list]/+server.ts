import { OPARL_LISTS, type OparlList } from '$lib/public/links';
import { badQuery, notFound, oparlJson, preflight, readOnly } from '$lib/server/oparl/oparl.http';
import { oparlRoute } from '$lib/server/oparl/oparl.route';
import { parseListQuery } from '$lib/server/oparl/oparl.schema';
import type { RequestHandler } from './$types';

const isList = (value: string): value is OparlList => (OPARL_LISTS as readonly string[]).includes(value);

/** One page of one of the body's lists (`/oparl/v1/body/<key>/meetings?page=2`). */
export const GET: RequestHandler = oparlRoute(async (service, { params, url }) => {
	const list = params.list ?? '';
	if (!isList(list)) return notFound();
	const query = parseListQuery(url.searchParams);
	if (!query.ok) return badQuery(query.problems);
	const page = await service.list(params.id ?? '', list, query.value);
	return page ? oparlJson(page) : notFound();
});
export const OPTIONS: RequestHandler = async () => preflight();
export const fallback: RequestHandler = async () => readOnly();
