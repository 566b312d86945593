import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { authService, notificationService, profileService, requireUser } from '$lib/server/services';
import { preferencesSchema } from '$lib/server/notifications/notification.service';
import { passwordSchema } from '$lib/server/auth/auth.service';
import { profileSchema } from '$lib/server/profiles/profile.service';
import { rememberLocale } from '$lib/server/locale';
import { parseForm, serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const passwordForm = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema });

export const load: PageServerLoad = async ({ locals }) => {
	const { email, displayName, organisation, function: fn, locale } = requireUser(locals);
	return { profile: { email, displayName, organisation, function: fn, locale }, notificationPreferences: await notificationService(locals).preferences() };
};

export const actions: Actions = {
	profile: async ({ request, locals, cookies }) => {
		requireUser(locals);
		const parsed = parseForm(profileSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		await profileService(locals).update(parsed.data);
		rememberLocale(cookies, parsed.data.locale, !locals.app.config.isLocalhost);
		return { done: 'profile', message: translate(parsed.data.locale, 'profile.saved') };
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
		return { done: 'password', message: translate(locals.locale, 'profile.passwordChanged') };
	},

	notifications: async ({ request, locals }) => {
		requireUser(locals);
		const parsed = parseForm(preferencesSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return fail(400, { refused: 'notifications', message: translate(locals.locale, 'validation.invalid') });
		await notificationService(locals).savePreferences(parsed.data);
		return { done: 'notifications', message: translate(locals.locale, 'notifications.prefs.saved') };
	}
};

