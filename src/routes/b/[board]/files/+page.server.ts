import { redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { fileService } from '$lib/server/services';
import { bytesOf, fileParts, optionalId, readUploadForm, returnTarget } from '$lib/server/files/file-http';
import { boardPage, customBoardAction } from '$lib/server/http';
import { ServiceError } from '$lib/server/errors';
import { newFormToken } from '$lib/server/form-token';
import { formTokenOf, partToken } from '$lib/server/db/form-token';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await boardPage(event, (board) => fileService(event.locals).list(board))),
	formToken: newFormToken()
});

export const actions: Actions = {
	// Without JavaScript: one multipart form with any number of files (the page's script uploads one by one).
	// The form's one-time token, with each file's place in the form, makes a resent form find its files.
	upload: (event) =>
		customBoardAction(event, async (board) => {
			const service = fileService(event.locals);
			const data = await readUploadForm(event.request, () => service.requestTooLarge());
			const files = fileParts(data);
			const agendaItemId = optionalId(data.get('agendaItemId'));
			const formToken = formTokenOf(data.get('formToken'));
			if (files.length === 0) throw new ServiceError(400, 'files.error.noFile');
			for (const [index, file] of files.entries()) {
				await service.upload(board, {
					fileName: file.name,
					bytes: await bytesOf(file),
					agendaItemId,
					formToken: partToken(formToken, index, agendaItemId)
				});
			}
			const target = returnTarget(data.get('returnTo'), board.slug);
			if (target) redirect(303, target);
			return { done: 'upload', message: translate(event.locals.locale, 'files.uploaded', { count: files.length }) };
		})
};
