import type { RequestEvent } from '@sveltejs/kit';
import { getApp } from '../app';
import { oparlError } from './oparl.http';
import { createOparlService, type OparlService } from './oparl.service';

/**
 * Runs an OParl endpoint: the service as `anon` with the configured body, and any failure as a JSON 500
 * (logged here with its stack), never SvelteKit's HTML error page.
 */
export function oparlRoute(handler: (service: OparlService, event: RequestEvent) => Promise<Response>) {
	return async (event: RequestEvent): Promise<Response> => {
		try {
			const app = await getApp();
			const service = createOparlService({ db: app.db, origin: app.config.origin, body: app.config.oparlBody });
			return await handler(service, event);
		} catch (error) {
			console.error(`oparl: ${event.url.pathname} failed:`, error);
			return oparlError(500, 'The request could not be answered.');
		}
	};
}
