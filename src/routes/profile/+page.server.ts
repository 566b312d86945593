import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import {
	authService,
	notificationService,
	profileService,
	publicationService,
	requireUser
} from '$lib/server/services';
import { listingSchema } from '$lib/server/publication/publication.schema';
import { preferencesSchema } from '$lib/server/notifications/notification.schema';
import { changePasswordSchema } from '$lib/server/auth/auth.schema';
import { profileSchema } from '$lib/server/profiles/profile.schema';
import { rememberLocale } from '$lib/server/locale';
import { formAction, parseForm, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { email, displayName, organisation, function: fn, locale } = requireUser(locals);
	return {
		profile: { email, displayName, organisation, function: fn, locale },
		notificationPreferences: await notificationService(locals).preferences(),
		listedPublicly: await publicationService(locals).listed()
	};
};

export const actions: Actions = {
	profile: (event) => {
		requireUser(event.locals);
		return formAction({
			event,
			schema: profileSchema,
			done: 'profile',
			run: async (locals, data) => {
				await profileService(locals).update(data);
				rememberLocale(event.cookies, data.locale, !locals.app.config.isLocalhost);
			},
			// Said in the language just chosen.
			message: (_result, data) => translate(data.locale, 'profile.saved')
		});
	},

	password: (event) => {
		requireUser(event.locals);
		const claims = event.locals.claims!;
		return formAction({
			event,
			schema: changePasswordSchema,
			done: 'password',
			message: 'profile.passwordChanged',
			run: (locals, data) => authService(locals).changePassword({ session: locals.auth, claims, ...data })
		});
	},

	listing: (event) => {
		requireUser(event.locals);
		return formAction({
			event,
			schema: listingSchema,
			done: 'listing',
			message: (_result, data) =>
				translate(event.locals.locale, data.listed ? 'profile.listed.on' : 'profile.listed.off'),
			run: (locals, data) => publicationService(locals).setListed(data.listed)
		});
	},

	notifications: async ({ request, locals }) => {
		requireUser(locals);
		const parsed = parseForm(preferencesSchema, await readForm(request, locals.locale), locals.locale);
		if (!parsed.ok)
			return fail(400, { refused: 'notifications', message: translate(locals.locale, 'validation.invalid') });
		await notificationService(locals).savePreferences(parsed.data);
		return { done: 'notifications', message: translate(locals.locale, 'notifications.prefs.saved') };
	}
};
