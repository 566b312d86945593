import { error, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { fileService } from '$lib/server/services';
import { ServiceError } from '$lib/server/errors';
import { bytesOf, fileParts, idOrNotFound, readUploadForm } from '$lib/server/files/file-http';
import { serviceFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, params }) => {
	const { board } = await parent();
	try {
		return await fileService(locals).get(board, idOrNotFound(params.id));
	} catch (failure) {
		const refusal = serviceFailure(failure, locals.locale);
		error(refusal.status, refusal.data.message);
	}
};

export const actions: Actions = {
	replace: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const service = fileService(locals);
		try {
			const id = idOrNotFound(params.id);
			const [file] = fileParts(await readUploadForm(request, () => service.requestTooLarge()));
			if (!file) throw new ServiceError(400, 'files.error.noFile');
			const { version } = await service.replace(board, id, { fileName: file.name, bytes: await bytesOf(file) });
			return { done: 'replace', message: translate(locals.locale, 'files.replaced', { version }) };
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
	},

	delete: async ({ locals, params }) => {
		const board = await loadBoard(locals, params.board);
		try {
			await fileService(locals).remove(board, idOrNotFound(params.id));
		} catch (error) {
			return serviceFailure(error, locals.locale);
		}
		redirect(303, `/b/${board.slug}/files?deleted=1`);
	}
};
