import { translate } from '$lib/i18n';
import { memberService } from '$lib/server/services';
import { activeSchema, invitationSchema, inviteFormSchema, roleSchema } from '$lib/server/members/member.schema';
import { newFormToken } from '$lib/server/form-token';
import { boardFormAction, boardPage } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => memberService(event.locals).list(board))),
	formToken: newFormToken()
});

export const actions: Actions = {
	invite: (event) =>
		boardFormAction({
			event,
			schema: inviteFormSchema,
			done: 'invite',
			// A repeat of the same form answers with the invitation it made (and its address).
			run: (board, data) => memberService(event.locals).invite(board, data),
			message: ({ email }) => translate(event.locals.locale, 'members.invited', { email }),
			keep: ({ email, role, locale, organisation, function: fn }) => ({
				email,
				role,
				locale,
				organisation: organisation ?? '',
				function: fn ?? ''
			})
		}),

	role: (event) =>
		boardFormAction({
			event,
			schema: roleSchema,
			done: 'role',
			message: 'members.roleChanged',
			run: (board, data) => memberService(event.locals).updateMember(board, data)
		}),

	active: (event) =>
		boardFormAction({
			event,
			schema: activeSchema,
			done: 'active',
			run: (board, data) => memberService(event.locals).updateMember(board, data),
			message: (_result, data) =>
				translate(event.locals.locale, data.active ? 'members.reactivated' : 'members.deactivated')
		}),

	resend: (event) =>
		boardFormAction({
			event,
			schema: invitationSchema,
			done: 'resend',
			message: 'members.resent',
			run: (board, data) => memberService(event.locals).resendInvitation(board, data)
		}),

	revoke: (event) =>
		boardFormAction({
			event,
			schema: invitationSchema,
			done: 'revoke',
			message: 'members.revoked',
			run: (board, data) => memberService(event.locals).revokeInvitation(board, data.invitationId)
		})
};
