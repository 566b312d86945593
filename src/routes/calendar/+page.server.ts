import { translate } from '$lib/i18n';
import { calendarTokenService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({ createdAt: await calendarTokenService(locals).status() });

export const actions: Actions = {
	regenerate: async ({ locals }) => {
		const token = await calendarTokenService(locals).regenerate();
		return {
			done: 'regenerate',
			url: `${locals.app.config.origin}/calendar/${token}.ics`,
			message: translate(locals.locale, 'calendar.created')
		};
	}
};
