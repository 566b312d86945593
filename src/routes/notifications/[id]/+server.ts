import { error, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { pageData } from '$lib/server/http';
import { markReadSchema } from '$lib/server/notifications/notification.schema';
import { notificationService, requireUser } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * The list's links go through here: opening a notification marks it read, then leads to its page.
 * A plain link, so it works without JavaScript; the stored path is always inside the app (table check).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireUser(locals);
	const parsed = markReadSchema.safeParse({ id: params.id });
	if (!parsed.success) error(404, translate(locals.locale, 'notifications.error.notFound'));
	redirect(303, await pageData(locals, () => notificationService(locals).open(parsed.data.id)));
};
