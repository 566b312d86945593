import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { generateHTML } from '@tiptap/html/server';
import type { JSONContent } from '@tiptap/core';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { allowed } from '$lib/server/boards/policy';
import { minutesService, meetingService } from '$lib/server/services';
import { approvalItemSchema, approveSchema, minutesIdSchema, reviewSchema } from '$lib/server/minutes/minutes.service';
import { documentExtensions } from '$lib/server/documents/paper-document';
import { parseForm, serviceFailure } from '$lib/server/http';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import type { RequestContext } from '$lib/server/context';
import { newFormToken } from '$lib/server/form-token';
import { formTokenOf } from '$lib/server/db/form-token';
import type { Actions, PageServerLoad } from './$types';

function meetingId(locals: RequestContext, id: string): string {
	if (!z.uuid().safeParse(id).success) error(404, translate(locals.locale, 'error.notFound'));
	return id;
}

const html = (content: JSONContent) => generateHTML(content, documentExtensions);

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const id = meetingId(locals, params.id);
	const meeting = await orErrorPage(locals, meetingService(locals).get(board, id));
	const service = minutesService(locals);
	const overview = !allowed(board, 'board.read') ? null : await orErrorPage(locals, service.overview(board, id));
	const copies = await orErrorPage(locals, service.publicView(board, id));
	return {
		meeting: { id: meeting.id, title: meeting.title },
		overview,
		publicCopies: copies.map((c) => ({ minutesId: c.minutesId, html: html(c.content) })),
		// One-time tokens of the create form and of the amend forms (one amendment per page load).
		createToken: newFormToken(),
		amendToken: newFormToken()
	};
};

/** One workflow step: parse the minutes id, call the service, report in the user's language. */
function step(run: (locals: RequestContext, board: Awaited<ReturnType<typeof loadBoard>>, data: FormData) => Promise<unknown>, done: string) {
	return async ({ request, locals, params }: { request: Request; locals: App.Locals; params: { board: string } }) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		try {
			await run(locals, board, data);
			return { done, message: translate(locals.locale, `minutes.${done}` as 'minutes.created') };
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
	};
}

function minutesIdOf(locals: RequestContext, data: FormData): string {
	const parsed = parseForm(minutesIdSchema, data, locals.locale);
	if (!parsed.ok) error(400, translate(locals.locale, 'error.notFound'));
	return parsed.data.minutesId;
}

export const actions: Actions = {
	create: async (event) =>
		step((locals, board, data) => minutesService(locals).create(board, meetingId(locals, event.params.id), formTokenOf(data.get('formToken'))), 'created')(event),
	review: async (event) => {
		const parsed = parseForm(reviewSchema, await event.request.clone().formData(), event.locals.locale);
		if (!parsed.ok) return parsed.failure;
		return step((locals, board, data) => minutesService(locals).sendToReview(board, { minutesId: minutesIdOf(locals, data), reviewUntil: parsed.data.reviewUntil }), 'sentToReview')(event);
	},
	approve: async (event) => {
		const parsed = parseForm(approveSchema, await event.request.clone().formData(), event.locals.locale);
		if (!parsed.ok) return parsed.failure;
		const { minutesId, withoutDecisionText, withOpenThreads } = parsed.data;
		return step((locals, board) => minutesService(locals).approve(board, minutesId, { withoutDecisionText, withOpenThreads }), 'approved')(event);
	},
	approveByMeeting: async (event) => {
		const parsed = parseForm(approvalItemSchema, await event.request.clone().formData(), event.locals.locale);
		if (!parsed.ok) return parsed.failure;
		return step((locals, board) => minutesService(locals).approveByMeeting(board, parsed.data), 'approved')(event);
	},
	publish: step((locals, board, data) => minutesService(locals).publish(board, minutesIdOf(locals, data)), 'published'),
	amend: step((locals, board, data) => minutesService(locals).amend(board, minutesIdOf(locals, data), formTokenOf(data.get('formToken'))), 'amended')
};
