import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { pollService } from '$lib/server/services';
import { pollSchema } from '$lib/server/polls/poll.schema';
import { newFormToken } from '$lib/server/form-token';
import { attempt, boardPage, customBoardAction, fieldErrors, formObject, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => pollService(event.locals).list(board))),
	formToken: newFormToken()
});

/** Slots and participants are repeated fields: read them as lists, everything else as one value each. */
function pollForm(data: FormData) {
	return {
		...formObject(data),
		slots: data.getAll('slot').map(String),
		participants: data.getAll('participant').map(String)
	};
}

export const actions: Actions = {
	// Slots and participants are repeated fields: the form comes back with them beside the values.
	create: (event) =>
		customBoardAction(event, async (board) => {
			const { locals } = event;
			const raw = pollForm(await readForm(event.request, locals.locale));
			const back = {
				values: { ...raw, slots: undefined, participants: undefined },
				slotValues: raw.slots,
				chosen: raw.participants
			};
			const parsed = pollSchema.safeParse(raw);
			if (!parsed.success) {
				const errors = fieldErrors(parsed.error, locals.locale);
				if (errors.slots) errors.slots = translate(locals.locale, 'polls.error.slotCount');
				if (errors.participants) errors.participants = translate(locals.locale, 'polls.error.noParticipants');
				return fail(400, { ...back, errors });
			}
			const created = await attempt(locals.locale, () => pollService(locals).create(board, parsed.data));
			if (!created.ok) return fail(created.status, { ...back, message: created.message });
			redirect(303, `/b/${board.slug}/polls/${created.value}`);
		})
};
