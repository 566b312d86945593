import { pageData } from '$lib/server/http';
import { publicStrategyService } from '$lib/server/strategy/strategy-services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	pageData(locals, () => publicStrategyService(locals).map(params.board));
