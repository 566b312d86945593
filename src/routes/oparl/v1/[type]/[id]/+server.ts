import { badQuery, notFound, oparlJson, preflight, readOnly } from '$lib/server/oparl/oparl.http';
import { oparlRoute } from '$lib/server/oparl/oparl.route';
import { objectId, parseObjectQuery } from '$lib/server/oparl/oparl.schema';
import { isOparlType } from '$lib/server/oparl/oparl.types';
import type { RequestHandler } from './$types';

/** One object by type and id (`/oparl/v1/meeting/<uuid>`, `/oparl/v1/body/<key>`). */
export const GET: RequestHandler = oparlRoute(async (service, { params, url }) => {
	const query = parseObjectQuery(url.searchParams);
	if (!query.ok) return badQuery(query.problems);
	const type = params.type ?? '';
	if (!isOparlType(type)) return notFound();
	if (type === 'body') {
		const body = await service.body(params.id ?? '', query.value.omitInternal);
		return body ? oparlJson(body) : notFound();
	}
	const id = objectId.safeParse(params.id);
	if (!id.success) return notFound();
	const object = await service.object(type, id.data, query.value.omitInternal);
	return object ? oparlJson(object) : notFound();
});
export const OPTIONS: RequestHandler = async () => preflight();
export const fallback: RequestHandler = async () => readOnly();
