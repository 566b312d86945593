import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { fileService } from '$lib/server/services';
import { serviceFailure } from '$lib/server/http';
import { idOrNotFound } from '$lib/server/files/file-http';
import type { RequestHandler } from './$types';

const versionParam = z.coerce.number().int().positive().optional();

/** Checks the reader's right under RLS, then sends them to a short-lived signed link for that version. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const board = await loadBoard(locals, params.board);
	const version = versionParam.safeParse(url.searchParams.get('version') ?? undefined);
	if (!version.success) error(400, translate(locals.locale, 'error.invalidValue'));
	let target: string;
	try {
		target = await fileService(locals).downloadUrl(board, idOrNotFound(params.id), version.data);
	} catch (failure) {
		const refusal = serviceFailure(failure, locals.locale);
		error(refusal.status, refusal.data.message);
	}
	redirect(303, target);
};
