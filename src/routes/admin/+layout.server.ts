import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Not a guard: hooks.server.ts refused everyone but platform admins already. It only shows the guard's
// refusal of a page render as the app's error page.
export const load: LayoutServerLoad = ({ locals }) => {
	if (locals.refusal) error(locals.refusal.status, locals.refusal.message);
};
