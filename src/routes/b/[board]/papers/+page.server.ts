import { redirect } from '@sveltejs/kit';
import { loadBoard } from '$lib/server/boards/board-context';
import { paperService } from '$lib/server/services';
import { createPaperFormSchema, libraryQuerySchema } from '$lib/server/papers/paper.service';
import { parseForm, serviceFailure } from '$lib/server/http';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { newFormToken } from '$lib/server/form-token';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { board } = await parent();
	const query = libraryQuerySchema.parse(Object.fromEntries(url.searchParams));
	return { query, ...(await orErrorPage(locals, paperService(locals).list(board, query))), formToken: newFormToken() };
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(createPaperFormSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		let created: { id: string };
		try {
			created = await paperService(locals).create(board, parsed.data);
		} catch (error) {
			return serviceFailure(error, locals.locale, { ...parsed.data, tags: parsed.data.tags.join(', ') });
		}
		redirect(303, `/b/${board.slug}/papers/${created.id}`);
	}
};
