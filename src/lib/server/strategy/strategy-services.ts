import { scopedDb } from '../db/scoped';
import type { RequestContext } from '../context';
import { requireUser } from '../services';
import { createStrategyService } from './strategy.service';
import { createIndicatorService } from './indicator.service';
import { createStrategyReportService } from './strategy-report.service';
import { createPublicStrategyService } from './strategy-public.service';

// The strategy map's services per request (#16), beside src/lib/server/services.ts.

export function strategyService(locals: RequestContext) {
	const user = requireUser(locals);
	return createStrategyService({ db: locals.db, actor: { userId: user.userId } });
}

export function indicatorService(locals: RequestContext) {
	requireUser(locals);
	return createIndicatorService({ db: locals.db });
}

export function strategyReportService(locals: RequestContext) {
	requireUser(locals);
	return createStrategyReportService({ db: locals.db });
}

/** The published fields on the citizens' pages: always as anon, whoever asks. */
export const publicStrategyService = (locals: RequestContext) =>
	createPublicStrategyService({ db: scopedDb(locals.app.db, null) });
