import { error } from '@sveltejs/kit';
import { generateHTML } from '@tiptap/html/server';
import type { JSONContent } from '@tiptap/core';
import { translate } from '$lib/i18n';
import { allowed, type BoardContext } from '$lib/server/boards/policy';
import { minutesService, meetingService } from '$lib/server/services';
import { approvalItemSchema, approveSchema, minutesIdSchema, reviewSchema } from '$lib/server/minutes/minutes.schema';
import { documentExtensions } from '$lib/server/documents/paper-document';
import { boardPage, customBoardAction, idParam, parseForm, readForm } from '$lib/server/http';
import type { RequestContext } from '$lib/server/context';
import { newFormToken } from '$lib/server/form-token';
import { formTokenOf } from '$lib/server/db/form-token';
import { berlinDay } from '$lib/format';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const html = (content: JSONContent) => generateHTML(content, documentExtensions);

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	return boardPage(event, async (board) => {
		const id = idParam(locals, event.params.id);
		const meeting = await meetingService(locals).get(board, id);
		const service = minutesService(locals);
		const overview = !allowed(board, 'board.read') ? null : await service.overview(board, id);
		const copies = await service.publicView(board, id);
		return {
			meeting: { id: meeting.id, title: meeting.title },
			overview,
			publicCopies: copies.map((c) => ({ minutesId: c.minutesId, html: html(c.content) })),
			// A week from today as the board counts days (Berlin), by the server's clock: the clock that checks
			// the date is in the future, not the browser's (which may be wrong or hydrate a different value).
			defaultReviewUntil: berlinDay(Date.now() + 7 * 86_400_000),
			// One-time tokens of the create form and of the amend forms (one amendment per page load).
			createToken: newFormToken(),
			amendToken: newFormToken()
		};
	});
};

/** One workflow step: read the form, call the service, report `minutes.<done>` in the user's language. */
function step(
	event: RequestEvent,
	done: 'created' | 'sentToReview' | 'approved' | 'published' | 'amended',
	run: (board: BoardContext, data: FormData) => Promise<unknown>
) {
	return customBoardAction(event, async (board) => {
		await run(board, await readForm(event.request, event.locals.locale));
		return { done, message: translate(event.locals.locale, `minutes.${done}`) };
	});
}

function minutesIdOf(locals: RequestContext, data: FormData): string {
	const parsed = parseForm(minutesIdSchema, data, locals.locale);
	if (!parsed.ok) error(400, translate(locals.locale, 'error.notFound'));
	return parsed.data.minutesId;
}

export const actions: Actions = {
	create: (event) =>
		step(event, 'created', (board, data) =>
			minutesService(event.locals).create(
				board,
				idParam(event.locals, event.params.id),
				formTokenOf(data.get('formToken'))
			)
		),
	review: async (event) => {
		const parsed = parseForm(
			reviewSchema,
			await readForm(event.request.clone(), event.locals.locale),
			event.locals.locale
		);
		if (!parsed.ok) return parsed.failure;
		const { reviewUntil } = parsed.data;
		return step(event, 'sentToReview', (board, data) =>
			minutesService(event.locals).sendToReview(board, { minutesId: minutesIdOf(event.locals, data), reviewUntil })
		);
	},
	approve: async (event) => {
		const parsed = parseForm(
			approveSchema,
			await readForm(event.request.clone(), event.locals.locale),
			event.locals.locale
		);
		if (!parsed.ok) return parsed.failure;
		const { minutesId, withoutDecisionText, withOpenThreads } = parsed.data;
		return step(event, 'approved', (board) =>
			minutesService(event.locals).approve(board, minutesId, { withoutDecisionText, withOpenThreads })
		);
	},
	approveByMeeting: async (event) => {
		const parsed = parseForm(
			approvalItemSchema,
			await readForm(event.request.clone(), event.locals.locale),
			event.locals.locale
		);
		if (!parsed.ok) return parsed.failure;
		return step(event, 'approved', (board) => minutesService(event.locals).approveByMeeting(board, parsed.data));
	},
	publish: (event) =>
		step(event, 'published', (board, data) =>
			minutesService(event.locals).publish(board, minutesIdOf(event.locals, data))
		),
	takeOverLive: (event) =>
		customBoardAction(event, async (board) => {
			const data = await readForm(event.request, event.locals.locale);
			const { kept } = await minutesService(event.locals).takeOverMeetingRecord(board, minutesIdOf(event.locals, data));
			const locale = event.locals.locale;
			const message = translate(locale, 'minutes.tookOverLive');
			// Blocks people edited stay as they typed them: say so.
			return {
				done: 'tookOverLive',
				message: kept ? `${message} ${translate(locale, 'minutes.tookOverLiveKept', { count: kept })}` : message
			};
		}),
	amend: (event) =>
		step(event, 'amended', (board, data) =>
			minutesService(event.locals).amend(board, minutesIdOf(event.locals, data), formTokenOf(data.get('formToken')))
		)
};
