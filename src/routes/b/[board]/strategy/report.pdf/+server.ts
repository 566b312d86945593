import { strategyReportResponse } from '$lib/server/strategy/strategy-report-route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => strategyReportResponse(event, 'pdf');
