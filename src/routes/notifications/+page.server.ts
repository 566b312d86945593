import { translate } from '$lib/i18n';
import { notificationService, requireUser } from '$lib/server/services';
import { formAction } from '$lib/server/http';
import { markReadSchema } from '$lib/server/notifications/notification.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	return notificationService(locals).list();
};

export const actions: Actions = {
	read: (event) => {
		requireUser(event.locals);
		return formAction({
			event,
			schema: markReadSchema,
			done: 'read',
			message: 'notifications.markedRead',
			run: (locals, data) => notificationService(locals).markRead(data.id)
		});
	},

	readAll: async ({ locals }) => {
		requireUser(locals);
		await notificationService(locals).markAllRead();
		return { done: 'readAll', message: translate(locals.locale, 'notifications.allMarkedRead') };
	}
};
