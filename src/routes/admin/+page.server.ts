import { redirect } from '@sveltejs/kit';
import { createBoardService, boardSchema } from '$lib/server/boards/board.service';
import { parseForm, serviceFailure } from '$lib/server/http';
import { requireUser } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const boards = (locals: App.Locals) => createBoardService({ db: locals.db, isAdmin: requireUser(locals).isAdmin });

export const load: PageServerLoad = async ({ locals }) => ({ boards: await boards(locals).list() });

export const actions: Actions = {
	createBoard: async ({ request, locals }) => {
		const parsed = parseForm(boardSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		let slug: string;
		try {
			slug = (await boards(locals).create(parsed.data)).slug;
		} catch (error) {
			return serviceFailure(error, locals.locale, parsed.data);
		}
		redirect(303, `/b/${slug}/members`);
	}
};
