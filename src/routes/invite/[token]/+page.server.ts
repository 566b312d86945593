import { redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { ServiceError } from '$lib/server/errors';
import { invitationService } from '$lib/server/services';
import { acceptSchema } from '$lib/server/invitations/invitation.service';
import { parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		return { invitation: await invitationService(locals).describe(params.token), invalid: null };
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return { invitation: null, invalid: translate(locals.locale, error.messageKey) };
	}
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const parsed = parseForm(acceptSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await invitationService(locals).accept({ token: params.token, ...parsed.data, locale: locals.locale, session: locals.auth });
		} catch (error) {
			return serviceFailure(error, locals.locale, { displayName: parsed.data.displayName ?? '' });
		}
		redirect(303, '/?welcome=1');
	}
};
