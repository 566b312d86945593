import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { pollService } from '$lib/server/services';
import { pollSchema } from '$lib/server/polls/poll.schema';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { newFormToken } from '$lib/server/form-token';
import { fieldErrors, formObject, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await orErrorPage(locals, pollService(locals).list(board))), formToken: newFormToken() };
};

/** Slots and participants are repeated fields: read them as lists, everything else as one value each. */
function pollForm(data: FormData) {
	return { ...formObject(data), slots: data.getAll('slot').map(String), participants: data.getAll('participant').map(String) };
}

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const raw = pollForm(await request.formData());
		const back = { values: { ...raw, slots: undefined, participants: undefined }, slotValues: raw.slots, chosen: raw.participants };
		const parsed = pollSchema.safeParse(raw);
		if (!parsed.success) {
			const errors = fieldErrors(parsed.error, locals.locale);
			if (errors.slots) errors.slots = translate(locals.locale, 'polls.error.slotCount');
			if (errors.participants) errors.participants = translate(locals.locale, 'polls.error.noParticipants');
			return fail(400, { ...back, errors });
		}
		let id: string;
		try {
			id = await pollService(locals).create(board, parsed.data);
		} catch (error) {
			const failure = serviceFailure(error, locals.locale);
			return fail(failure.status, { ...back, message: failure.data.message });
		}
		redirect(303, `/b/${board.slug}/polls/${id}`);
	}
};
