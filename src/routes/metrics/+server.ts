import { timingSafeEqual } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { can } from '$lib/server/boards/policy';
import { withSystem } from '$lib/server/db/scoped';
import { MAX_ATTEMPTS } from '$lib/server/mail/mailer';
import { countUnsent } from '$lib/server/mail/outbox.repository';
import { renderAppMetrics, setMailQueue } from '$lib/server/observability/metrics';
import type { RequestHandler } from './$types';

function bearerMatches(header: string | null, token: string | undefined): boolean {
	if (!token || !header?.startsWith('Bearer ')) return false;
	const given = Buffer.from(header.slice(7).trim());
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics of this node (observability/metrics.ts): platform admins, or
 * `Authorization: Bearer $METRICS_TOKEN`. No exception for loopback: behind a reverse proxy on the same
 * machine every request comes from loopback.
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	const allowed =
		can(locals.user, 'platform.admin') ||
		bearerMatches(request.headers.get('authorization'), locals.app.config.metricsToken);
	if (!allowed) return json({ message: translate(locals.locale, 'collab.error.metricsForbidden') }, { status: 403 });
	// The mail queue is shared by all nodes: counted at scrape time; a failing count must not hide the rest.
	setMailQueue(await withSystem(locals.app.db, 'mail', (tx) => countUnsent(tx, MAX_ATTEMPTS)).catch(() => null));
	const { body, contentType } = await renderAppMetrics();
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
