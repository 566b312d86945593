import { pageData } from '$lib/server/http';
import { citizensService } from '$lib/server/citizens/citizens-services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) =>
	pageData(locals, () => citizensService(locals).meetings(params.board));
