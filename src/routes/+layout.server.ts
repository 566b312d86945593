import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user && {
		id: locals.user.userId,
		displayName: locals.user.displayName,
		isAdmin: locals.user.isAdmin,
		boards: locals.user.boards.map(({ slug, name, role }) => ({ slug, name, role }))
	}
});
