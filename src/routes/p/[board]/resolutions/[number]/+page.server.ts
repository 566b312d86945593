import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { pageData } from '$lib/server/http';
import { slugToNumber } from '$lib/server/decisions/decision-hash';
import { citizensService } from '$lib/server/citizens/citizens-services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	// The decision log's own address form ("2026-07" for 2026/07); anything else names nothing.
	const number = slugToNumber(params.number);
	if (!number) error(404, translate(locals.locale, 'error.notFound'));
	return pageData(locals, () => citizensService(locals).resolution(params.board, number));
};
