import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { pollService } from '$lib/server/services';
import { answerSchema } from '$lib/server/polls/poll.schema';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { serviceFailure } from '$lib/server/http';
import type { RequestContext } from '$lib/server/context';
import { newFormToken } from '$lib/server/form-token';
import { formTokenOf } from '$lib/server/db/form-token';
import type { Actions, PageServerLoad } from './$types';

function pollId(locals: RequestContext, id: string): string {
	if (!z.uuid().safeParse(id).success) error(404, translate(locals.locale, 'error.notFound'));
	return id;
}

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	// formToken: the one-time token of the scheduling forms (one per slot; the first submit wins).
	return { ...(await orErrorPage(locals, pollService(locals).get(board, pollId(locals, params.id)))), formToken: newFormToken() };
};

/** Radio groups are named `answer-<slot id>`; unanswered groups are simply absent. */
function answersFrom(data: FormData) {
	return [...data.entries()]
		.filter(([name]) => name.startsWith('answer-'))
		.map(([name, value]) => ({ slotId: name.slice('answer-'.length), answer: String(value) }));
}

export const actions: Actions = {
	answer: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = answerSchema.safeParse(answersFrom(await request.formData()));
		if (!parsed.success) return fail(400, { message: translate(locals.locale, 'validation.invalid') });
		try {
			await pollService(locals).answer(board, pollId(locals, params.id), parsed.data);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		return { done: 'answer', message: translate(locals.locale, 'polls.answersSaved') };
	},

	schedule: async ({ request, locals, params }) => {
		// A form sent twice without JavaScript: the browser aborts the first request, whose body then never
		// arrives — a refusal nobody reads, not an error with a stack trace.
		let data: FormData;
		try {
			data = await request.formData();
		} catch {
			return fail(400, { message: translate(locals.locale, 'validation.invalid') });
		}
		const board = await loadBoard(locals, params.board);
		const slotId = z.uuid().safeParse(data.get('slotId'));
		if (!slotId.success) return fail(400, { message: translate(locals.locale, 'polls.error.unknownSlot') });
		let meetingId: string;
		try {
			meetingId = await pollService(locals).schedule(board, pollId(locals, params.id), slotId.data, formTokenOf(data.get('formToken')));
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		redirect(303, `/b/${board.slug}/meetings/${meetingId}`);
	}
};
