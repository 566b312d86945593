import { paperService, requireUser } from '$lib/server/services';
import { boardPage, idParam } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	const user = requireUser(locals);
	const paper = await boardPage(event, (board) => paperService(locals).get(board, idParam(locals, event.params.id)));
	return { paper, me: { id: user.userId, name: user.displayName } };
};
