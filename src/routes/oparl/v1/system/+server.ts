import { oparlJson, preflight, readOnly } from '$lib/server/oparl/oparl.http';
import { oparlRoute } from '$lib/server/oparl/oparl.route';
import type { RequestHandler } from './$types';

/** The OParl entry point. */
export const GET: RequestHandler = oparlRoute(async (service) => oparlJson(await service.system()));
export const OPTIONS: RequestHandler = async () => preflight();
export const fallback: RequestHandler = async () => readOnly();
