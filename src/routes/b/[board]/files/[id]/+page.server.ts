import { translate } from '$lib/i18n';
import { fileService } from '$lib/server/services';
import { ServiceError } from '$lib/server/errors';
import { bytesOf, fileParts, idOrNotFound, readUploadForm } from '$lib/server/files/file-http';
import { boardFormAction, boardPage, customBoardAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	boardPage(event, (board) => fileService(event.locals).get(board, idOrNotFound(event.params.id)));

export const actions: Actions = {
	// A multipart upload: the file is read by the files area's own helpers.
	replace: (event) =>
		customBoardAction(event, async (board) => {
			const service = fileService(event.locals);
			const id = idOrNotFound(event.params.id);
			const [file] = fileParts(await readUploadForm(event.request, () => service.requestTooLarge()));
			if (!file) throw new ServiceError(400, 'files.error.noFile');
			const { version } = await service.replace(board, id, { fileName: file.name, bytes: await bytesOf(file) });
			return { done: 'replace', message: translate(event.locals.locale, 'files.replaced', { version }) };
		}),

	delete: (event) =>
		boardFormAction({
			event,
			done: 'delete',
			run: (board) => fileService(event.locals).remove(board, idOrNotFound(event.params.id)),
			redirect: (_result, board) => `/b/${board.slug}/files?deleted=1`
		})
};
