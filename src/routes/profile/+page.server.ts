import { z } from 'zod';
import { translate } from '$lib/i18n';
import { authService, profileService, requireUser } from '$lib/server/services';
import { passwordSchema } from '$lib/server/auth/auth.service';
import { profileSchema } from '$lib/server/profiles/profile.service';
import { rememberLocale } from '$lib/server/locale';
import { parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const passwordForm = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema });

export const load: PageServerLoad = ({ locals }) => {
	const { email, displayName, organisation, function: fn, locale } = requireUser(locals);
	return { profile: { email, displayName, organisation, function: fn, locale } };
};

export const actions: Actions = {
	profile: async ({ request, locals, cookies }) => {
		requireUser(locals);
		const parsed = parseForm(profileSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		await profileService(locals).update(parsed.data);
		rememberLocale(cookies, parsed.data.locale, !locals.app.config.isLocalhost);
		return { form: 'profile', message: translate(parsed.data.locale, 'profile.saved') };
	},

	password: async ({ request, locals }) => {
		const user = requireUser(locals);
		const parsed = parseForm(passwordForm, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await authService(locals).changePassword({ email: user.email, userId: user.userId, ...parsed.data });
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		return { form: 'password', message: translate(locals.locale, 'profile.passwordChanged') };
	}
};

