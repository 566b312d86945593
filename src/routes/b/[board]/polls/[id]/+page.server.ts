import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { pollService } from '$lib/server/services';
import { answerSchema, slotIdSchema } from '$lib/server/polls/poll.schema';
import { boardPage, customBoardAction, idParam, readForm } from '$lib/server/http';
import { newFormToken } from '$lib/server/form-token';
import { formTokenOf } from '$lib/server/db/form-token';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => pollService(event.locals).get(board, idParam(event.locals, event.params.id)))),
	// The one-time token of the scheduling forms (one per slot; the first submit wins).
	formToken: newFormToken()
});

/** Radio groups are named `answer-<slot id>`; unanswered groups are simply absent. */
function answersFrom(data: FormData) {
	return [...data.entries()]
		.filter(([name]) => name.startsWith('answer-'))
		.map(([name, value]) => ({ slotId: name.slice('answer-'.length), answer: String(value) }));
}

export const actions: Actions = {
	// Radio groups, one per slot: a refusal of the form is one message.
	answer: (event) =>
		customBoardAction(event, async (board) => {
			const { locals, params } = event;
			const parsed = answerSchema.safeParse(answersFrom(await readForm(event.request, locals.locale)));
			if (!parsed.success) return fail(400, { message: translate(locals.locale, 'validation.invalid') });
			await pollService(locals).answer(board, idParam(locals, params.id), parsed.data);
			return { done: 'answer', message: translate(locals.locale, 'polls.answersSaved') };
		}),

	schedule: (event) =>
		customBoardAction(event, async (board) => {
			const { locals, params } = event;
			// A form sent twice without JavaScript: the browser aborts the first request, whose body then never
			// arrives — a refusal nobody reads, not an error with a stack trace.
			let data: FormData;
			try {
				data = await event.request.formData();
			} catch {
				return fail(400, { message: translate(locals.locale, 'validation.invalid') });
			}
			const slotId = slotIdSchema.safeParse(data.get('slotId'));
			if (!slotId.success) return fail(400, { message: translate(locals.locale, 'polls.error.unknownSlot') });
			const meetingId = await pollService(locals).schedule(
				board,
				idParam(locals, params.id),
				slotId.data,
				formTokenOf(data.get('formToken'))
			);
			redirect(303, `/b/${board.slug}/meetings/${meetingId}`);
		})
};
