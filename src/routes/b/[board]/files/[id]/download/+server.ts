import { error, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { fileService } from '$lib/server/services';
import { boardResource } from '$lib/server/http';
import { idOrNotFound } from '$lib/server/files/file-http';
import { versionParamSchema } from '$lib/server/files/file.schema';
import type { RequestHandler } from './$types';

/** Checks the reader's right under RLS, then sends them to a short-lived signed link for that version. */
export const GET: RequestHandler = async (event) => {
	const { locals, params, url } = event;
	const target = await boardResource(event, (board) => {
		const version = versionParamSchema.safeParse(url.searchParams.get('version') ?? undefined);
		if (!version.success) error(400, translate(locals.locale, 'error.invalidValue'));
		return fileService(locals).downloadUrl(board, idOrNotFound(params.id), version.data);
	});
	redirect(303, target);
};
