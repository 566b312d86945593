import { dev } from '$app/environment';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { LayoutServerLoad } from './$types';

/** Platform administration: admins only (the outbox also opens in local development, see hooks). */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const devOutbox = dev && url.pathname === '/admin/outbox';
	if (!locals.user?.isAdmin && !devOutbox) error(403, translate(locals.locale, 'error.forbidden'));
};
