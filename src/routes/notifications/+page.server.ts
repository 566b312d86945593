import { translate } from '$lib/i18n';
import { notificationService, requireUser } from '$lib/server/services';
import { parseForm, serviceFailure } from '$lib/server/http';
import { markReadSchema } from '$lib/server/notifications/notification.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	return notificationService(locals).list();
};

export const actions: Actions = {
	read: async ({ request, locals }) => {
		requireUser(locals);
		const parsed = parseForm(markReadSchema, await request.formData(), locals.locale);
		if (!parsed.ok) return parsed.failure;
		try {
			await notificationService(locals).markRead(parsed.data.id);
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		return { done: 'read', message: translate(locals.locale, 'notifications.markedRead') };
	},

	readAll: async ({ locals }) => {
		requireUser(locals);
		await notificationService(locals).markAllRead();
		return { done: 'readAll', message: translate(locals.locale, 'notifications.allMarkedRead') };
	}
};
