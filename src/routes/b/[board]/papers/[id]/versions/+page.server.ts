import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { newFormToken } from '$lib/server/form-token';
import { parseForm, serviceFailure } from '$lib/server/http';
import { paperPage } from '$lib/server/papers/paper-route';
import { versionService } from '$lib/server/services';
import { namedVersionSchema } from '$lib/server/versions/version.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const versions = await paperPage(locals, params.id, (id) => versionService(locals).list(board, id));
	return { ...versions, formToken: newFormToken() };
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(namedVersionSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			const version = await paperPage(locals, params.id, (paperId) => versionService(locals).createNamed(board, { paperId, ...parsed.data }));
			return { done: 'create', message: translate(locals.locale, 'comments.version.saved', { number: version.number }) };
		} catch (error) {
			return serviceFailure(error, locals.locale, { name: parsed.data.name });
		}
	}
};
