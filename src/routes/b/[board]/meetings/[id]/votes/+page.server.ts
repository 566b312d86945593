import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { meetingVoteService } from '$lib/server/services';
import { meetingResultSchema } from '$lib/server/votes/vote.schema';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { fieldErrors, formObject, serviceFailure } from '$lib/server/http';
import type { RequestContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

function meetingId(locals: RequestContext, id: string): string {
	if (!z.uuid().safeParse(id).success) error(404, translate(locals.locale, 'error.notFound'));
	return id;
}

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	return orErrorPage(locals, meetingVoteService(locals).panel(board, meetingId(locals, params.id)));
};

/** Named votes come as radio groups `named-<user id>`; unanswered groups are absent. */
function resultForm(data: FormData) {
	const named = [...data.entries()]
		.filter(([name]) => name.startsWith('named-'))
		.map(([name, value]) => ({ userId: name.slice('named-'.length), choice: String(value) }));
	const values = formObject(data);
	return { ...values, itemId: values.itemId ?? '', named };
}

export const actions: Actions = {
	record: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const raw = resultForm(await request.formData());
		const parsed = meetingResultSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { itemId: raw.itemId, message: Object.values(fieldErrors(parsed.error, locals.locale))[0] });
		try {
			await meetingVoteService(locals).record(board, meetingId(locals, params.id), parsed.data);
		} catch (e) {
			const failure = serviceFailure(e, locals.locale);
			return fail(failure.status, { itemId: raw.itemId, message: failure.data.message });
		}
		return { itemId: raw.itemId, done: true };
	}
};
