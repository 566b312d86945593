import { notFound, preflight, readOnly } from '$lib/server/oparl/oparl.http';
import type { RequestHandler } from './$types';

/** Any other address below /oparl answers as OParl does: JSON, not the app's HTML error page. */
export const GET: RequestHandler = async () => notFound();
export const OPTIONS: RequestHandler = async () => preflight();
export const fallback: RequestHandler = async () => readOnly();
