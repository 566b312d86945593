import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type MessageKey } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { paperService } from '$lib/server/services';
import { paperPage } from '$lib/server/papers/paper-route';
import { grantSchema, renameSchema, revokeSchema, statusSchema, visibilitySchema, type PaperService } from '$lib/server/papers/paper.service';
import type { BoardContext } from '$lib/server/boards/policy';
import { formObject, parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	return paperPage(locals, params.id, (id) => paperService(locals).settings(board, id));
};

/**
 * One settings form: the paper id comes from the address, the rest from the form; parse, one
 * service call, a translated confirmation (`done` names the form that succeeded).
 */
function settingsAction<S extends z.ZodType>(
	schema: S,
	call: (service: PaperService, board: BoardContext, input: z.infer<S>) => Promise<unknown>,
	message: (input: z.infer<S>, locale: App.Locals['locale'], result: unknown) => string
) {
	return async ({ request, locals, params }: RequestEvent<{ board: string; id: string }>) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		data.set('paperId', params.id);
		const parsed = parseForm(schema, data, locals.locale);
		if (!parsed.ok) return parsed.failure;
		let result: unknown;
		try {
			result = await call(paperService(locals), board, parsed.data);
		} catch (error) {
			return serviceFailure(error, locals.locale, formObject(data));
		}
		return { done: true, message: message(parsed.data, locals.locale, result) };
	};
}

const say = (key: MessageKey) => (_input: unknown, locale: App.Locals['locale']) => translate(locale, key);

export const actions: Actions = {
	rename: settingsAction(renameSchema, (s, b, input) => s.rename(b, input), say('papers.renamed')),
	status: settingsAction(
		statusSchema,
		(s, b, input) => s.setStatus(b, input),
		(input, locale) => translate(locale, 'papers.statusChanged', { status: translate(locale, `papers.status.${input.status}`) })
	),
	visibility: settingsAction(visibilitySchema, (s, b, input) => s.setVisibility(b, input), say('papers.access.saved')),
	grant: settingsAction(grantSchema, (s, b, input) => s.grant(b, input), (input, locale, name) => translate(locale, 'papers.access.granted', { name: String(name), level: translate(locale, `papers.level.${input.access}`) })),
	revoke: settingsAction(revokeSchema, (s, b, input) => s.revoke(b, input), say('papers.access.revoked'))
};
