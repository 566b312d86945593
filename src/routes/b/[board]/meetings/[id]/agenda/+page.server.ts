import { z } from 'zod';
import { error } from '@sveltejs/kit';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { isOffice } from '$lib/server/meetings/meeting.service';
import { parseForm, serviceFailure } from '$lib/server/http';
import { ServiceError } from '$lib/server/errors';
import { agendaBatchService, agendaPaperService, agendaParticipationService, agendaService, agendaViewService } from '$lib/server/services';
import { addItemSchema, conflictSchema, declineSchema, itemFormSchema, paperLinkSchema, proposalSchema } from '$lib/server/agenda/agenda.schema';
import { fieldsFromForm } from '$lib/server/agenda/agenda.service';
import { newFormToken } from '$lib/server/form-token';
import type { MeetingRef } from '$lib/server/agenda/agenda-context';
import { fromBerlinLocal, toBerlinLocal } from '$lib/server/calendar/berlin-local';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const uuid = z.uuid();
const itemRef = z.object({ itemId: uuid });
const editForm = itemFormSchema.extend({ itemId: uuid });
const moveForm = z.object({ itemId: uuid, direction: z.enum(['up', 'down']) });
const dropForm = z.object({ itemId: uuid, beforeId: z.union([z.literal(''), uuid]).transform((v) => v || null) });
const levelForm = z.object({ itemId: uuid, level: z.enum(['sub', 'main']) });
const copyForm = z.object({ sourceMeetingId: uuid });
const proposalRef = z.object({ proposalId: uuid });
const deadlineForm = z.object({
	deadline: z
		.string()
		.transform((value, ctx) => fromBerlinLocal(value) ?? (ctx.addIssue({ code: 'custom', message: 'invalid' }), z.NEVER))
});

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { board } = await parent();
	const ref = { boardId: board.id, meetingId: params.id };
	try {
		// Reads only (the link preloads on hover): a new meeting's standard items are put in when it is created.
		const agenda = await agendaViewService(locals).page(ref);
		// Changes after publication wait for the next batch; the office sees how many and may send them now.
		const pendingChanges = isOffice(board) ? await agendaBatchService(locals).pending(ref) : 0;
		return { agenda, deadlineValue: toBerlinLocal(agenda.meeting.proposalDeadline), formToken: newFormToken(), proposalToken: newFormToken(), pendingChanges };
	} catch (cause) {
		if (cause instanceof ServiceError) error(cause.status, translate(locals.locale, cause.messageKey, cause.params));
		throw cause;
	}
};

/** Parses the form, calls the service with the meeting reference, and reports a translated result. */
async function act<S extends z.ZodType>(
	event: RequestEvent,
	schema: S,
	call: (ref: MeetingRef, data: z.infer<S>, locale: Locale) => Promise<Record<string, unknown> | MessageKey>
) {
	const { locals, params, request } = event;
	const board = await loadBoard(locals, params.board);
	const parsed = parseForm(schema, await request.formData(), locals.locale);
	if (!parsed.ok) return parsed.failure;
	try {
		const result = await call({ boardId: board.id, meetingId: params.id }, parsed.data, locals.locale);
		return typeof result === 'string' ? { done: true, message: translate(locals.locale, result) } : { done: true, ...result };
	} catch (cause) {
		return serviceFailure(cause, locals.locale);
	}
}

export const actions: Actions = {
	notifyChanges: (event) =>
		act(event, z.object({}), async (ref, _data, locale) => {
			const told = await agendaBatchService(event.locals).notifyNow(ref);
			return { message: translate(locale, told > 0 ? 'agenda.batch.sent' : 'agenda.batch.nothing', { count: told }) };
		}),
	add: (event) =>
		act(event, addItemSchema, async (ref, data) => {
			const itemId = await agendaService(event.locals).addItem(ref, { fields: fieldsFromForm(data), isSubItem: Boolean(data.isSubItem), formToken: data.formToken });
			return { itemId, added: data.title };
		}),
	update: (event) =>
		act(event, editForm, async (ref, data, locale) => {
			await agendaService(event.locals).updateItem(ref, { itemId: data.itemId, fields: fieldsFromForm(data) });
			return { itemId: data.itemId, message: translate(locale, 'agenda.saved', { title: data.title }) };
		}),
	delete: (event) => act(event, itemRef, async (ref, data) => (await agendaService(event.locals).deleteItem(ref, data.itemId), 'agenda.deleted')),
	move: (event) =>
		act(event, moveForm, async (ref, data) => {
			await agendaService(event.locals).moveStep(ref, data);
			return { movedId: data.itemId, direction: data.direction };
		}),
	drop: (event) =>
		act(event, dropForm, async (ref, data) => {
			await agendaService(event.locals).moveBefore(ref, data);
			return { movedId: data.itemId };
		}),
	level: (event) =>
		act(event, levelForm, async (ref, data) => {
			await agendaService(event.locals).setLevel(ref, { itemId: data.itemId, isSubItem: data.level === 'sub' });
			return { movedId: data.itemId, level: data.level };
		}),
	publish: (event) => act(event, z.object({}), async (ref) => (await agendaService(event.locals).publish(ref), 'agenda.publishedDone')),
	copy: (event) =>
		act(event, copyForm, async (ref, data, locale) => {
			const count = await agendaService(event.locals).copyFrom(ref, data.sourceMeetingId);
			return { message: translate(locale, 'agenda.copied', { count }) };
		}),
	deadline: (event) =>
		act(event, deadlineForm, async (ref, data) => (await agendaParticipationService(event.locals).setProposalDeadline(ref, data.deadline), 'agenda.deadline.saved')),
	propose: (event) => act(event, proposalSchema, async (ref, data) => (await agendaParticipationService(event.locals).propose(ref, data), 'agenda.proposed')),
	accept: (event) =>
		act(event, proposalRef, async (ref, data) => (await agendaParticipationService(event.locals).accept(ref, data.proposalId), 'agenda.proposal.acceptedDone')),
	decline: (event) => act(event, declineSchema, async (ref, data) => (await agendaParticipationService(event.locals).decline(ref, data), 'agenda.proposal.declinedDone')),
	declareConflict: (event) =>
		act(event, conflictSchema, async (ref, data) => {
			await agendaParticipationService(event.locals).declareConflict(ref, data);
			return { conflictItemId: data.itemId, message: translate(event.locals.locale, 'agenda.conflict.declared', { number: await numberOf(event, ref, data.itemId) }) };
		}),
	attachPaper: (event) => act(event, paperLinkSchema, async (ref, data) => (await agendaPaperService(event.locals).attach(ref, data), 'agenda.papers.attached')),
	detachPaper: (event) => act(event, paperLinkSchema, async (ref, data) => (await agendaPaperService(event.locals).detach(ref, data), 'agenda.papers.detached')),
	withdrawConflict: (event) =>
		act(event, itemRef, async (ref, data) => (await agendaParticipationService(event.locals).withdrawConflict(ref, data.itemId), 'agenda.conflict.withdrawn'))
};

async function numberOf(event: RequestEvent, ref: MeetingRef, itemId: string): Promise<string> {
	const panel = await agendaViewService(event.locals).panel(ref);
	return panel.items.find((item) => item.id === itemId)?.number ?? '';
}
