import { translate } from '$lib/i18n';
import { isOffice } from '$lib/server/meetings/meeting.service';
import { boardFormAction, boardPage } from '$lib/server/http';
import {
	agendaBatchService,
	agendaPaperService,
	agendaParticipationService,
	agendaService,
	agendaViewService
} from '$lib/server/services';
import {
	addItemSchema,
	conflictSchema,
	copySchema,
	deadlineSchema,
	declineSchema,
	dropSchema,
	editItemSchema,
	itemRefSchema,
	levelSchema,
	moveSchema,
	paperLinkSchema,
	proposalRefSchema,
	proposalSchema
} from '$lib/server/agenda/agenda.schema';
import { fieldsFromForm } from '$lib/server/agenda/agenda.service';
import { newFormToken } from '$lib/server/form-token';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import type { BoardContext } from '$lib/server/boards/policy';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	return boardPage(event, async (board) => {
		const ref = { boardId: board.id, meetingId: params.id };
		// Reads only (the link preloads on hover): a new meeting's standard items are put in when it is created.
		const agenda = await agendaViewService(locals).page(ref);
		// Changes after publication wait for the next batch; the office sees how many and may send them now.
		const pendingChanges = isOffice(board) ? await agendaBatchService(locals).pending(ref) : 0;
		return {
			agenda,
			deadlineValue: toBerlinLocal(agenda.meeting.proposalDeadline),
			formToken: newFormToken(),
			proposalToken: newFormToken(),
			pendingChanges
		};
	});
};

/** The meeting the agenda belongs to: the board of the address and the meeting id. */
const meetingOf = (board: BoardContext, event: RequestEvent) => ({ boardId: board.id, meetingId: event.params.id });

// Every agenda form answers `done: true` (the page has one result area) with its message or the moved item.
export const actions: Actions = {
	notifyChanges: (event) =>
		boardFormAction({
			event,
			done: true,
			run: (board) => agendaBatchService(event.locals).notifyNow(meetingOf(board, event)),
			message: (told) =>
				translate(event.locals.locale, told > 0 ? 'agenda.batch.sent' : 'agenda.batch.nothing', { count: told })
		}),
	add: (event) =>
		boardFormAction({
			event,
			schema: addItemSchema,
			done: true,
			run: (board, data) =>
				agendaService(event.locals).addItem(meetingOf(board, event), {
					fields: fieldsFromForm(data),
					isSubItem: Boolean(data.isSubItem),
					formToken: data.formToken
				}),
			extra: (itemId, data) => ({ itemId, added: data.title })
		}),
	update: (event) =>
		boardFormAction({
			event,
			schema: editItemSchema,
			done: true,
			run: (board, data) =>
				agendaService(event.locals).updateItem(meetingOf(board, event), {
					itemId: data.itemId,
					fields: fieldsFromForm(data)
				}),
			message: (_result, data) => translate(event.locals.locale, 'agenda.saved', { title: data.title }),
			extra: (_result, data) => ({ itemId: data.itemId })
		}),
	delete: (event) =>
		boardFormAction({
			event,
			schema: itemRefSchema,
			done: true,
			message: 'agenda.deleted',
			run: (board, data) => agendaService(event.locals).deleteItem(meetingOf(board, event), data.itemId)
		}),
	move: (event) =>
		boardFormAction({
			event,
			schema: moveSchema,
			done: true,
			run: (board, data) => agendaService(event.locals).moveStep(meetingOf(board, event), data),
			extra: (_result, data) => ({ movedId: data.itemId, direction: data.direction })
		}),
	drop: (event) =>
		boardFormAction({
			event,
			schema: dropSchema,
			done: true,
			run: (board, data) => agendaService(event.locals).moveBefore(meetingOf(board, event), data),
			extra: (_result, data) => ({ movedId: data.itemId })
		}),
	level: (event) =>
		boardFormAction({
			event,
			schema: levelSchema,
			done: true,
			run: (board, data) =>
				agendaService(event.locals).setLevel(meetingOf(board, event), {
					itemId: data.itemId,
					isSubItem: data.level === 'sub'
				}),
			extra: (_result, data) => ({ movedId: data.itemId, level: data.level })
		}),
	publish: (event) =>
		boardFormAction({
			event,
			done: true,
			message: 'agenda.publishedDone',
			run: (board) => agendaService(event.locals).publish(meetingOf(board, event))
		}),
	copy: (event) =>
		boardFormAction({
			event,
			schema: copySchema,
			done: true,
			run: (board, data) => agendaService(event.locals).copyFrom(meetingOf(board, event), data.sourceMeetingId),
			message: (count) => translate(event.locals.locale, 'agenda.copied', { count })
		}),
	deadline: (event) =>
		boardFormAction({
			event,
			schema: deadlineSchema,
			done: true,
			message: 'agenda.deadline.saved',
			run: (board, data) =>
				agendaParticipationService(event.locals).setProposalDeadline(meetingOf(board, event), data.deadline)
		}),
	propose: (event) =>
		boardFormAction({
			event,
			schema: proposalSchema,
			done: true,
			message: 'agenda.proposed',
			run: (board, data) => agendaParticipationService(event.locals).propose(meetingOf(board, event), data)
		}),
	accept: (event) =>
		boardFormAction({
			event,
			schema: proposalRefSchema,
			done: true,
			message: 'agenda.proposal.acceptedDone',
			run: (board, data) => agendaParticipationService(event.locals).accept(meetingOf(board, event), data.proposalId)
		}),
	decline: (event) =>
		boardFormAction({
			event,
			schema: declineSchema,
			done: true,
			message: 'agenda.proposal.declinedDone',
			run: (board, data) => agendaParticipationService(event.locals).decline(meetingOf(board, event), data)
		}),
	declareConflict: (event) =>
		boardFormAction({
			event,
			schema: conflictSchema,
			done: true,
			run: async (board, data) => {
				const ref = meetingOf(board, event);
				await agendaParticipationService(event.locals).declareConflict(ref, data);
				return numberOf(event, ref, data.itemId);
			},
			message: (number) => translate(event.locals.locale, 'agenda.conflict.declared', { number }),
			extra: (_number, data) => ({ conflictItemId: data.itemId })
		}),
	attachPaper: (event) =>
		boardFormAction({
			event,
			schema: paperLinkSchema,
			done: true,
			message: 'agenda.papers.attached',
			run: (board, data) => agendaPaperService(event.locals).attach(meetingOf(board, event), data)
		}),
	detachPaper: (event) =>
		boardFormAction({
			event,
			schema: paperLinkSchema,
			done: true,
			message: 'agenda.papers.detached',
			run: (board, data) => agendaPaperService(event.locals).detach(meetingOf(board, event), data)
		}),
	withdrawConflict: (event) =>
		boardFormAction({
			event,
			schema: itemRefSchema,
			done: true,
			message: 'agenda.conflict.withdrawn',
			run: (board, data) =>
				agendaParticipationService(event.locals).withdrawConflict(meetingOf(board, event), data.itemId)
		})
};

/** The item's number as everyone sees it (`Ö 2`), for the confirmation of a declared conflict. */
async function numberOf(
	event: RequestEvent,
	ref: { boardId: string; meetingId: string },
	itemId: string
): Promise<string> {
	const panel = await agendaViewService(event.locals).panel(ref);
	return panel.items.find((item) => item.id === itemId)?.number ?? '';
}
