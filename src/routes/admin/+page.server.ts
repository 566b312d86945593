import { redirect } from '@sveltejs/kit';
import { createBoardService, boardFormSchema } from '$lib/server/boards/board.service';
import { newFormToken } from '$lib/server/form-token';
import { parseForm, serviceFailure } from '$lib/server/http';
import { requireUser } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const boards = (locals: App.Locals) => createBoardService({ db: locals.db, isAdmin: requireUser(locals).isAdmin });

export const load: PageServerLoad = async ({ locals }) => ({ boards: await boards(locals).list(), formToken: newFormToken() });

export const actions: Actions = {
	createBoard: async ({ request, locals }) => {
		const parsed = parseForm(boardFormSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		let slug: string;
		try {
			// A repeat of the same form lands on the board it made.
			slug = (await boards(locals).create(parsed.data)).slug;
		} catch (error) {
			return serviceFailure(error, locals.locale, { name: parsed.data.name, slug: parsed.data.slug });
		}
		redirect(303, `/b/${slug}/members`);
	}
};
