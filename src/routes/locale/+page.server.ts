import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { readForm } from '$lib/server/http';
import { rememberLocale } from '$lib/server/locale';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import { profileService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Switches the language: remembered in a cookie, and in the profile when signed in. */
	default: async ({ request, cookies, locals, url }) => {
		const data = await readForm(request, locals.locale);
		const locale = data.get('locale');
		if (isLocale(locale)) {
			rememberLocale(cookies, locale, !locals.app.config.isLocalhost);
			if (locals.user) await profileService(locals).setLocale(locale);
		}
		redirect(303, safeRedirectTarget(data.get('redirectTo')?.toString(), url.origin));
	}
};
