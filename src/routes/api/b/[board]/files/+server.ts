import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { fileService } from '$lib/server/services';
import { ServiceError } from '$lib/server/errors';
import { bytesOf, fileParts, jsonRefusal, optionalId, readUploadForm } from '$lib/server/files/file-http';
import type { RequestHandler } from './$types';

/**
 * One file per request, for the page's XMLHttpRequest uploads (progress, cancel). Fields: `file`,
 * optional `agendaItemId` (attach) or `fileId` (new version). Answers JSON, refusals with 403/404/413/415.
 */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const board = await loadBoard(locals, params.board);
	const service = fileService(locals);
	try {
		// Too large for the server, or cancelled midway (then nobody reads the answer): a refusal, never a 500.
		const data = await readUploadForm(request, () => service.requestTooLarge());
		const [file] = fileParts(data);
		const fileId = optionalId(data.get('fileId'));
		const agendaItemId = optionalId(data.get('agendaItemId'));
		if (!file) throw new ServiceError(400, 'files.error.noFile');
		const input = { fileName: file.name, bytes: await bytesOf(file) };
		const result = fileId ? await service.replace(board, fileId, input) : await service.upload(board, { ...input, agendaItemId });
		return json({ ...result, message: translate(locals.locale, 'files.upload.done', { name: file.name }) }, { status: 201 });
	} catch (error) {
		return jsonRefusal(error, locals.locale);
	}
};
