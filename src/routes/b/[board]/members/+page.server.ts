import { z } from 'zod';
import { LOCALES, translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { BOARD_ROLES } from '$lib/roles';
import { memberService } from '$lib/server/services';
import { inviteFormSchema } from '$lib/server/members/member.service';
import { newFormToken } from '$lib/server/form-token';
import { parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const uuid = z.string().uuid();
const roleForm = z.object({ membershipId: uuid, role: z.enum(BOARD_ROLES) });
const activeForm = z.object({ membershipId: uuid, active: z.enum(['true', 'false']).transform((v) => v === 'true') });
const invitationForm = z.object({ invitationId: uuid, locale: z.enum(LOCALES).default('de') });

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await memberService(locals).list(board)), formToken: newFormToken() };
};

export const actions: Actions = {
	invite: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(inviteFormSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		let email: string;
		try {
			// A repeat of the same form answers with the invitation it made (and its address).
			email = (await memberService(locals).invite(board, parsed.data)).email;
		} catch (error) {
			const { email: address, role, locale, organisation, function: fn } = parsed.data;
			return serviceFailure(error, locals.locale, { email: address, role, locale, organisation: organisation ?? '', function: fn ?? '' });
		}
		return { done: 'invite', message: translate(locals.locale, 'members.invited', { email }) };
	},

	role: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(roleForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await memberService(locals).updateMember(board, parsed.data);
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		return { done: 'role', message: translate(locals.locale, 'members.roleChanged') };
	},

	active: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(activeForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await memberService(locals).updateMember(board, parsed.data);
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		return { done: 'active', message: translate(locals.locale, parsed.data.active ? 'members.reactivated' : 'members.deactivated') };
	},

	resend: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(invitationForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await memberService(locals).resendInvitation(board, parsed.data);
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		return { done: 'resend', message: translate(locals.locale, 'members.resent') };
	},

	revoke: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const parsed = parseForm(invitationForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await memberService(locals).revokeInvitation(board, parsed.data.invitationId);
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		return { done: 'revoke', message: translate(locals.locale, 'members.revoked') };
	}
};
