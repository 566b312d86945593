import { fail } from '@sveltejs/kit';
import { meetingVoteService } from '$lib/server/services';
import { meetingResultSchema } from '$lib/server/votes/vote.schema';
import { attempt, boardPage, customBoardAction, fieldErrors, formObject, idParam, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	boardPage(event, (board) => meetingVoteService(event.locals).panel(board, idParam(event.locals, event.params.id)));

/** Named votes come as radio groups `named-<user id>`; unanswered groups are absent. */
function resultForm(data: FormData) {
	const named = [...data.entries()]
		.filter(([name]) => name.startsWith('named-'))
		.map(([name, value]) => ({ userId: name.slice('named-'.length), choice: String(value) }));
	const values = formObject(data);
	return { ...values, itemId: values.itemId ?? '', named };
}

export const actions: Actions = {
	// One form per agenda item: its answers (refusals too) name the item they belong to.
	record: (event) =>
		customBoardAction(event, async (board) => {
			const { locals, params } = event;
			const raw = resultForm(await readForm(event.request, locals.locale));
			const parsed = meetingResultSchema.safeParse(raw);
			if (!parsed.success)
				return fail(400, { itemId: raw.itemId, message: Object.values(fieldErrors(parsed.error, locals.locale))[0] });
			const recorded = await attempt(locals.locale, () =>
				meetingVoteService(locals).record(board, idParam(locals, params.id), parsed.data)
			);
			if (!recorded.ok) return fail(recorded.status, { itemId: raw.itemId, message: recorded.message });
			return { itemId: raw.itemId, done: true };
		})
};
