import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { pageData } from '$lib/server/http';
import { citizensService } from '$lib/server/citizens/citizens-services';
import { parseResolutionFilters } from '$lib/server/citizens/citizens.schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const filters = parseResolutionFilters(url.searchParams);
	if (!filters) error(400, translate(locals.locale, 'citizens.resolutions.invalid'));
	return pageData(locals, () => citizensService(locals).resolutions(params.board, filters));
};
