import { json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { fileService } from '$lib/server/services';
import { ServiceError } from '$lib/server/errors';
import { bytesOf, fileParts, optionalId, readUploadForm } from '$lib/server/files/file-http';
import { jsonEndpoint, loadBoard } from '$lib/server/http';
import { formTokenOf, partToken } from '$lib/server/db/form-token';
import type { RequestHandler } from './$types';

/** A file's place in its form (0 for the first): with the form's token it names the file's row. */
function partOf(value: FormDataEntryValue | null): number {
	if (value === null || value === '') return 0;
	const part = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
	if (Number.isNaN(part)) throw new ServiceError(400, 'validation.invalid');
	return part;
}

/**
 * One file per request, for the page's XMLHttpRequest uploads (progress, cancel). Fields: `file`,
 * optional `agendaItemId` (attach) or `fileId` (new version), and for a new file the form's one-time
 * `formToken` with the file's `part` (its place among the files chosen together): sent again, the same
 * pair answers with the file it made. Answers JSON, refusals with 403/404/413/415.
 */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	const board = await loadBoard(locals, params.board);
	const service = fileService(locals);
	return jsonEndpoint(locals.locale, async () => {
		// Too large for the server, or cancelled midway (then nobody reads the answer): a refusal, never a 500.
		const data = await readUploadForm(request, () => service.requestTooLarge());
		const [file] = fileParts(data);
		const fileId = optionalId(data.get('fileId'));
		const agendaItemId = optionalId(data.get('agendaItemId'));
		if (!file) throw new ServiceError(400, 'files.error.noFile');
		const input = { fileName: file.name, bytes: await bytesOf(file) };
		const formToken = partToken(formTokenOf(data.get('formToken')), partOf(data.get('part')), agendaItemId);
		const result = fileId
			? await service.replace(board, fileId, input)
			: await service.upload(board, { ...input, agendaItemId, formToken });
		return json(
			{ ...result, message: translate(locals.locale, 'files.upload.done', { name: file.name }) },
			{ status: 201 }
		);
	});
};
