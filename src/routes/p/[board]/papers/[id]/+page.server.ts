import { idParam, pageData } from '$lib/server/http';
import { citizensService } from '$lib/server/citizens/citizens-services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const id = idParam(locals, params.id);
	return pageData(locals, () => citizensService(locals).paper(params.board, id));
};
