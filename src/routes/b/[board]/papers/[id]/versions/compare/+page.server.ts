import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { paperPage } from '$lib/server/papers/paper-route';
import { versionService } from '$lib/server/services';
import { compareSchema } from '$lib/server/versions/version.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params, url }) => {
	const { board } = await parent();
	const parsed = compareSchema.safeParse({ a: url.searchParams.get('a'), b: url.searchParams.get('b') });
	if (!parsed.success) error(404, translate(locals.locale, 'comments.version.error.unknown'));
	return paperPage(locals, params.id, (paperId) => versionService(locals).compare(board, { paperId, ...parsed.data }));
};
