import { paperService, requireUser } from '$lib/server/services';
import { paperPage } from '$lib/server/papers/paper-route';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const user = requireUser(locals);
	const paper = await paperPage(locals, params.id, (id) => paperService(locals).get(board, id));
	return { paper, me: { id: user.userId, name: user.displayName } };
};
