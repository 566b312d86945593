import { dashboardService } from '$lib/server/services';
import type { PageServerLoad } from './$types';

// Signed-out visitors never get here: the server hook sends them to /login.
export const load: PageServerLoad = async ({ url, locals }) => ({
	welcome: url.searchParams.has('welcome'),
	passwordReset: url.searchParams.has('passwordReset'),
	dashboard: await dashboardService(locals).load()
});
