import { redirect } from '@sveltejs/kit';
import { loadBoard } from '$lib/server/boards/board-context';
import { meetingService } from '$lib/server/services';
import { createMeetingSchema } from '$lib/server/meetings/meeting.schema';
import { newFormToken } from '$lib/server/form-token';
import { formObject, parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await meetingService(locals).list(board)), formToken: newFormToken() };
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		const parsed = parseForm(createMeetingSchema, data, locals.locale);
		if (!parsed.ok) return parsed.failure;
		let id: string;
		try {
			id = await meetingService(locals).create(board, { ...parsed.data, status: 'planned' });
		} catch (error) {
			return serviceFailure(error, locals.locale, formObject(data));
		}
		redirect(303, `/b/${board.slug}/meetings/${id}`);
	}
};
