import type { z } from 'zod';
import { translate, type MessageKey } from '$lib/i18n';
import { paperService, publicationService } from '$lib/server/services';
import { paperPublicationSchema } from '$lib/server/publication/publication.schema';
import { newFormToken } from '$lib/server/form-token';
import {
	grantSchema,
	renameSchema,
	revokeSchema,
	statusSchema,
	visibilitySchema
} from '$lib/server/papers/paper.schema';
import type { PaperService } from '$lib/server/papers/paper.service';
import type { BoardContext } from '$lib/server/boards/policy';
import { boardFormAction, boardPage, idParam } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) =>
	boardPage(event, async (board) => {
		const paperId = idParam(event.locals, event.params.id);
		const settings = await paperService(event.locals).settings(board, paperId);
		const publication = await publicationService(event.locals).paperStatus(board, paperId);
		return { ...settings, publication, formToken: newFormToken() };
	});

/**
 * One settings form: the paper id comes from the address, the rest from the form; parse, one
 * service call, a translated confirmation (`done` names the form that succeeded).
 */
function settingsAction<S extends z.ZodType>(
	schema: S,
	call: (service: PaperService, board: BoardContext, input: z.infer<S>) => Promise<unknown>,
	message: (input: z.infer<S>, locale: App.Locals['locale'], result: unknown) => string
) {
	return (event: RequestEvent) =>
		boardFormAction({
			event,
			schema,
			fields: { paperId: event.params.id },
			done: true,
			run: (board, input) => call(paperService(event.locals), board, input),
			message: (result, input) => message(input, event.locals.locale, result),
			keep: 'form'
		});
}

const say = (key: MessageKey) => (_input: unknown, locale: App.Locals['locale']) => translate(locale, key);

export const actions: Actions = {
	rename: settingsAction(renameSchema, (s, b, input) => s.rename(b, input), say('papers.renamed')),
	status: settingsAction(
		statusSchema,
		(s, b, input) => s.setStatus(b, input),
		(input, locale) =>
			translate(locale, 'papers.statusChanged', { status: translate(locale, `papers.status.${input.status}`) })
	),
	visibility: settingsAction(visibilitySchema, (s, b, input) => s.setVisibility(b, input), say('papers.access.saved')),
	grant: settingsAction(
		grantSchema,
		(s, b, input) => s.grant(b, input),
		(input, locale, name) =>
			translate(locale, 'papers.access.granted', {
				name: String(name),
				level: translate(locale, `papers.level.${input.access}`)
			})
	),
	revoke: settingsAction(revokeSchema, (s, b, input) => s.revoke(b, input), say('papers.access.revoked')),
	publish: (event) =>
		boardFormAction({
			event,
			schema: paperPublicationSchema,
			done: true,
			policy: 'publication.manage',
			message: (_result, data) =>
				translate(event.locals.locale, data.on ? 'papers.publication.published' : 'papers.publication.withdrawn'),
			run: (board, data) =>
				publicationService(event.locals).setPaperPublished(board, {
					paperId: idParam(event.locals, event.params.id),
					publish: data.on,
					formToken: data.formToken
				})
		})
};
