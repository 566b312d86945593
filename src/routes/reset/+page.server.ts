import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { authService } from '$lib/server/services';
import { emailSchema, passwordSchema } from '$lib/server/auth/auth.service';
import { parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const requestForm = z.object({ email: emailSchema });
const resetForm = z.object({ token: z.string().min(1).max(200), password: passwordSchema });

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') });

export const actions: Actions = {
	request: async ({ request, locals }) => {
		const parsed = parseForm(requestForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await authService(locals).requestPasswordReset({ email: parsed.data.email, locale: locals.locale });
		} catch (error) {
			return serviceFailure(error, locals.locale, { email: parsed.data.email });
		}
		return { done: 'request', message: translate(locals.locale, 'reset.sent') };
	},

	reset: async ({ request, locals }) => {
		const parsed = parseForm(resetForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await authService(locals).resetPassword({ session: locals.auth, ...parsed.data });
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		redirect(303, '/?passwordReset=1');
	}
};
