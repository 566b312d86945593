import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import type { RequestHandler } from './$types';

// Probes and load balancers must see the current state, never a cached answer.
const headers = { 'cache-control': 'no-store' };

/** Liveness: the app started and the database answers a query through the app's own login role. */
export const GET: RequestHandler = async () => {
	try {
		const { db } = await getApp();
		await db.transaction((tx) => tx.query('select 1'));
		return json({ status: 'ok' }, { headers });
	} catch (error) {
		// The cause stays in the server log: a public endpoint must not reveal internals.
		console.error('[healthz] unavailable:', error);
		return json({ status: 'unavailable' }, { status: 503, headers });
	}
};
