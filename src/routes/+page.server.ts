import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	welcome: url.searchParams.has('welcome'),
	passwordReset: url.searchParams.has('passwordReset')
});
