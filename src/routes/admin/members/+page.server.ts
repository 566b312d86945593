import { memberRemovalService } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	people: await memberRemovalService(locals).listPeople(),
	removed: url.searchParams.has('removed')
});
