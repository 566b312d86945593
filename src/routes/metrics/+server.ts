import { timingSafeEqual } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { can } from '$lib/server/boards/policy';
import { runningCollabServer } from '$lib/server/collab/collab-process';
import type { RequestHandler } from './$types';

function bearerMatches(header: string | null, token: string | undefined): boolean {
	if (!token || !header?.startsWith('Bearer ')) return false;
	const given = Buffer.from(header.slice(7).trim());
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus metrics of this node: platform admins, or `Authorization: Bearer $METRICS_TOKEN`. */
export const GET: RequestHandler = async ({ request, locals }) => {
	const allowed =
		can(locals.user, 'platform.admin') ||
		bearerMatches(request.headers.get('authorization'), locals.app.config.metricsToken);
	if (!allowed) return json({ message: translate(locals.locale, 'collab.error.metricsForbidden') }, { status: 403 });
	const body = runningCollabServer()?.metricsText() ?? '';
	return new Response(body, {
		headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }
	});
};
