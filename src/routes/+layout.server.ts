import { notificationService } from '$lib/server/services';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => ({
	locale: locals.locale,
	user: locals.user && {
		id: locals.user.userId,
		displayName: locals.user.displayName,
		isAdmin: locals.user.isAdmin,
		boards: locals.user.boards.map(({ slug, name, role }) => ({ slug, name, role }))
	},
	// Read per navigation (the pathname makes SvelteKit rerun this load) so the header badge stays current.
	unreadNotifications: url.pathname && locals.user ? await notificationService(locals).unreadCount() : 0
});
