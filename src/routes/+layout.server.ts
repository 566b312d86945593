import { notificationService } from '$lib/server/services';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	// Reading the pathname makes SvelteKit rerun this load on every navigation, so the header's unread
	// badge stays current.
	void url.pathname;
	return {
		locale: locals.locale,
		user: locals.user && {
			id: locals.user.userId,
			displayName: locals.user.displayName,
			isAdmin: locals.user.isAdmin,
			boards: locals.user.boards.map(({ slug, name, role }) => ({ slug, name, role }))
		},
		unreadNotifications: locals.user
			? (locals.unreadNotifications ?? (await notificationService(locals).unreadCount()))
			: 0
	};
};
