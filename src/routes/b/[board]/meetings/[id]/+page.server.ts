import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { attendanceService, meetingInvitationService, meetingService } from '$lib/server/services';
import { formValues, isOffice } from '$lib/server/meetings/meeting.service';
import { allowed } from '$lib/server/boards/policy';
import { guestFormSchema, meetingSchema, rsvpSchema } from '$lib/server/meetings/meeting.schema';
import { newFormToken } from '$lib/server/form-token';
import { formObject, parseForm, serviceFailure } from '$lib/server/http';
import type { RequestContext } from '$lib/server/context';
import { loadAgendaPanel } from '$lib/server/agenda/agenda-panel';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import type { Actions, PageServerLoad } from './$types';

const presentSchema = z.array(z.uuid()).max(1000);

/** A malformed id is as unknown as a missing meeting. */
function meetingId(locals: RequestContext, id: string): string {
	if (!z.uuid().safeParse(id).success) error(404, translate(locals.locale, 'error.notFound'));
	return id;
}

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	const id = meetingId(locals, params.id);
	const meeting = await orErrorPage(locals, meetingService(locals).get(board, id));
	const attendance = attendanceService(locals);
	return {
		meeting,
		agenda: await loadAgendaPanel(locals, meeting),
		editValues: isOffice(board) ? formValues(meeting) : null,
		canManage: isOffice(board),
		canRsvp: attendance.canRsvp(board),
		canSeeVotes: allowed(board, 'votes.read'),
		attendance: await attendance.overview(board, id),
		guests: await meetingInvitationService(locals).listGuests(board, id),
		// One-time tokens of the guest form and of the agenda items' upload forms.
		guestToken: newFormToken(),
		uploadToken: newFormToken()
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		const parsed = parseForm(meetingSchema, data, locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			const { notified } = await meetingService(locals).update(board, meetingId(locals, params.id), parsed.data);
			return { done: 'update', message: translate(locals.locale, notified ? 'meetings.savedNotified' : 'meetings.saved') };
		} catch (e) {
			return serviceFailure(e, locals.locale, formObject(data));
		}
	},

	invite: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			const count = await meetingInvitationService(locals).sendInvitations(board, meetingId(locals, params.id));
			// Each person is told once per meeting version: a repeated send reaches only people added since.
			const message = count === 0 ? translate(locals.locale, 'meetings.invite.allSent') : translate(locals.locale, 'meetings.invite.sent', { count });
			return { done: 'invite', message };
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
	},

	rsvp: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(rsvpSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await attendanceService(locals).rsvp(board, meetingId(locals, params.id), parsed.data);
			return { done: 'rsvp', message: translate(locals.locale, 'meetings.rsvp.saved') };
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
	},

	attendance: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = presentSchema.safeParse((await request.formData()).getAll('present'));
		if (!parsed.success) return fail(400, { message: translate(locals.locale, 'validation.invalid') });
		try {
			await attendanceService(locals).recordAttendance(board, meetingId(locals, params.id), parsed.data);
			return { done: 'attendance', message: translate(locals.locale, 'meetings.attendance.saved') };
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
	},

	guest: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(guestFormSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			// A repeat of the same form answers as the first did, with the address it invited.
			const { outcome, email } = await meetingInvitationService(locals).inviteGuest(board, meetingId(locals, params.id), parsed.data);
			return { done: 'guest', message: translate(locals.locale, outcome === 'added' ? 'meetings.guests.added' : 'meetings.guests.invited', { email }) };
		} catch (e) {
			return serviceFailure(e, locals.locale, { email: parsed.data.email });
		}
	}
};
