import { redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { fileService } from '$lib/server/services';
import { bytesOf, fileParts, optionalId, readUploadForm, returnTarget } from '$lib/server/files/file-http';
import { serviceFailure } from '$lib/server/http';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { ServiceError } from '$lib/server/errors';
import { newFormToken } from '$lib/server/form-token';
import { formTokenOf, partToken } from '$lib/server/db/form-token';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return { ...(await orErrorPage(locals, fileService(locals).list(board))), formToken: newFormToken() };
};

export const actions: Actions = {
	// Without JavaScript: one multipart form with any number of files (the page's script uploads one by one).
	// The form's one-time token, with each file's place in the form, makes a resent form find its files.
	upload: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const service = fileService(locals);
		let data: FormData;
		let count: number;
		try {
			data = await readUploadForm(request, () => service.requestTooLarge());
			const files = fileParts(data);
			const agendaItemId = optionalId(data.get('agendaItemId'));
			const formToken = formTokenOf(data.get('formToken'));
			if (files.length === 0) throw new ServiceError(400, 'files.error.noFile');
			for (const [index, file] of files.entries()) {
				await service.upload(board, { fileName: file.name, bytes: await bytesOf(file), agendaItemId, formToken: partToken(formToken, index, agendaItemId) });
			}
			count = files.length;
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		const target = returnTarget(data.get('returnTo'), board.slug);
		if (target) redirect(303, target);
		return { done: 'upload', message: translate(locals.locale, 'files.uploaded', { count }) };
	}
};
