// The outermost hook: gives every request an id (x-request-id, taken from the reverse proxy when it
// looks like one), times it per route id for /metrics and writes one JSON log line when it ends.
import { randomUUID } from 'node:crypto';
import { isHttpError, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { logger } from './log';
import { observeRequest } from './metrics';

export const REQUEST_ID_HEADER = 'x-request-id';
/** An id a proxy may pass on (nginx's $request_id, a UUID): anything else is replaced. */
const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** Probes ask every few seconds: their lines would drown the rest. */
const QUIET_ROUTES = new Set(['/healthz', '/metrics']);

const ids = new WeakMap<Request, string>();

/** The request's id: the proxy's when valid, else a new one. */
export function requestIdFrom(header: string | null): string {
	return header && VALID_ID.test(header) ? header : randomUUID();
}

/** The id of a request this hook has seen (handleError logs with it). */
export function requestIdOf(request: Request): string | undefined {
	return ids.get(request);
}

/** The status a thrown redirect or HTTP error becomes; anything else is an unexpected 500. */
function thrownStatus(error: unknown): number {
	if (isRedirect(error) || isHttpError(error)) return error.status;
	return 500;
}

function finish(event: RequestEvent, input: { id: string; started: number; status: number }) {
	const seconds = (performance.now() - input.started) / 1000;
	const route = event.route.id;
	observeRequest({ method: event.request.method, route, status: input.status, seconds });
	const line = {
		reqId: input.id,
		method: event.request.method,
		route: route ?? 'unmatched',
		status: input.status,
		ms: Math.round(seconds * 1000),
		// The person's id only (locals.user is set by the context hook for signed-in requests).
		user: event.locals.user?.userId
	};
	if (route && QUIET_ROUTES.has(route)) logger().debug(line, 'request');
	else logger().info(line, 'request');
}

export const observeRequests: Handle = async ({ event, resolve }) => {
	const id = requestIdFrom(event.request.headers.get(REQUEST_ID_HEADER));
	ids.set(event.request, id);
	const started = performance.now();
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		finish(event, { id, started, status: thrownStatus(error) });
		throw error;
	}
	finish(event, { id, started, status: response.status });
	try {
		response.headers.set(REQUEST_ID_HEADER, id);
	} catch {
		// A response with immutable headers (e.g. from fetch): server.js has set the header already.
	}
	return response;
};
