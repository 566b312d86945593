import { redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { fileService } from '$lib/server/services';
import { bytesOf, fileParts, optionalId, readUploadForm, returnTarget } from '$lib/server/files/file-http';
import { serviceFailure } from '$lib/server/http';
import { orErrorPage } from '$lib/server/meetings/route-errors';
import { ServiceError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { board } = await parent();
	return orErrorPage(locals, fileService(locals).list(board));
};

export const actions: Actions = {
	// Without JavaScript: one multipart form with any number of files (the page's script uploads one by one).
	upload: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const service = fileService(locals);
		let data: FormData;
		let count: number;
		try {
			data = await readUploadForm(request, () => service.requestTooLarge());
			const files = fileParts(data);
			const agendaItemId = optionalId(data.get('agendaItemId'));
			if (files.length === 0) throw new ServiceError(400, 'files.error.noFile');
			for (const file of files) {
				await service.upload(board, { fileName: file.name, bytes: await bytesOf(file), agendaItemId });
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
