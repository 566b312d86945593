import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { attendanceService, meetingInvitationService, meetingPageService, meetingService } from '$lib/server/services';
import { formValues, isOffice } from '$lib/server/meetings/meeting.service';
import { allowed } from '$lib/server/boards/policy';
import { guestFormSchema, meetingSchema, presentSchema, rsvpSchema } from '$lib/server/meetings/meeting.schema';
import { newFormToken } from '$lib/server/form-token';
import { boardFormAction, boardPage, customBoardAction, idParam, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	return boardPage(event, async (board) => {
		// A malformed id is as unknown as a missing meeting.
		const id = idParam(locals, event.params.id);
		// One transaction for the meeting, its agenda panel (under the visitor's RLS), attendance and guests.
		const { meeting, agenda, attendance, guests } = await meetingPageService(locals).load(board, id);
		return {
			meeting,
			agenda,
			editValues: isOffice(board) ? formValues(meeting) : null,
			canManage: isOffice(board),
			canRsvp: attendanceService(locals).canRsvp(board),
			canSeeVotes: allowed(board, 'votes.read'),
			attendance,
			guests,
			// One-time tokens of the guest form and of the agenda items' upload forms.
			guestToken: newFormToken(),
			uploadToken: newFormToken()
		};
	});
};

export const actions: Actions = {
	update: (event) =>
		boardFormAction({
			event,
			schema: meetingSchema,
			done: 'update',
			run: (board, data) => meetingService(event.locals).update(board, idParam(event.locals, event.params.id), data),
			message: ({ notified }) => translate(event.locals.locale, notified ? 'meetings.savedNotified' : 'meetings.saved'),
			keep: 'form'
		}),

	invite: (event) =>
		boardFormAction({
			event,
			done: 'invite',
			run: (board) =>
				meetingInvitationService(event.locals).sendInvitations(board, idParam(event.locals, event.params.id)),
			// Each person is told once per meeting version: a repeated send reaches only people added since.
			message: (count) =>
				count === 0
					? translate(event.locals.locale, 'meetings.invite.allSent')
					: translate(event.locals.locale, 'meetings.invite.sent', { count })
		}),

	rsvp: (event) =>
		boardFormAction({
			event,
			schema: rsvpSchema,
			done: 'rsvp',
			message: 'meetings.rsvp.saved',
			run: (board, data) => attendanceService(event.locals).rsvp(board, idParam(event.locals, event.params.id), data)
		}),

	// The people present are a repeated field: a refusal of the form is one message.
	attendance: (event) =>
		customBoardAction(event, async (board) => {
			const { locals, params } = event;
			const parsed = presentSchema.safeParse((await readForm(event.request, event.locals.locale)).getAll('present'));
			if (!parsed.success) return fail(400, { message: translate(locals.locale, 'validation.invalid') });
			await attendanceService(locals).recordAttendance(board, idParam(locals, params.id), parsed.data);
			return { done: 'attendance', message: translate(locals.locale, 'meetings.attendance.saved') };
		}),

	guest: (event) =>
		boardFormAction({
			event,
			schema: guestFormSchema,
			done: 'guest',
			// A repeat of the same form answers as the first did, with the address it invited.
			run: (board, data) =>
				meetingInvitationService(event.locals).inviteGuest(board, idParam(event.locals, event.params.id), data),
			message: ({ outcome, email }) =>
				translate(event.locals.locale, outcome === 'added' ? 'meetings.guests.added' : 'meetings.guests.invited', {
					email
				}),
			keep: (data) => ({ email: data.email })
		})
};
