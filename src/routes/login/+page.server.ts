import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { authService } from '$lib/server/services';
import { emailSchema } from '$lib/server/auth/auth.service';
import { parseForm, serviceFailure } from '$lib/server/http';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

const passwordForm = z.object({ email: emailSchema, password: z.string().min(1).max(200), redirectTo: z.string().max(2000).optional() });
const magicForm = z.object({ email: emailSchema });

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), url.origin));
	return { signedOut: url.searchParams.has('signedOut') };
};

export const actions: Actions = {
	password: async ({ request, locals, getClientAddress, url }) => {
		const parsed = parseForm(passwordForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		const { email, password } = parsed.data;
		try {
			await authService(locals).signIn({ session: locals.auth, email, password, ip: getClientAddress() });
		} catch (error) {
			return serviceFailure(error, locals.locale, { email });
		}
		redirect(303, safeRedirectTarget(parsed.data.redirectTo, url.origin));
	},

	magic: async ({ request, locals }) => {
		const parsed = parseForm(magicForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await authService(locals).requestMagicLink({ email: parsed.data.email, locale: locals.locale });
		} catch (error) {
			return serviceFailure(error, locals.locale, { email: parsed.data.email });
		}
		// The same answer whether or not the address has an account.
		return { done: 'magic', message: translate(locals.locale, 'login.magic.sent'), values: { email: parsed.data.email } };
	}
};

