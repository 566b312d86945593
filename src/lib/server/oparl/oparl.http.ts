import type { QueryProblem } from './oparl.schema';

// Every OParl answer is JSON, readable from any origin (spec: CORS), never an HTML error page.

const HEADERS = {
	'content-type': 'application/json; charset=utf-8',
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, HEAD, OPTIONS',
	'access-control-allow-headers': 'accept, content-type'
	// No `cache-control: public`: a signed-in visitor's answer may carry a refreshed session cookie, which a
	// shared cache must never keep (hooks.server.ts marks such answers private).
};

export function oparlJson(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

/** The error body: a type, the status, a message and, for a bad query, which parameter and why. */
export function oparlError(status: 400 | 404 | 405 | 500, message: string, problems?: QueryProblem[]): Response {
	return new Response(JSON.stringify({ type: 'Error', status, message, ...(problems ? { problems } : {}) }), {
		status,
		headers: { ...HEADERS, 'cache-control': 'no-store' }
	});
}

export const badQuery = (problems: QueryProblem[]) => oparlError(400, 'The query is not valid.', problems);
export const notFound = () => oparlError(404, 'No such object.');

/** CORS preflight. */
export const preflight = () => new Response(null, { status: 204, headers: HEADERS });

/** Anything but GET, HEAD and OPTIONS: the interface is read-only. */
export const readOnly = () => oparlError(405, 'The OParl interface is read-only.');
