import { boardResource, idParam } from '../http';
import { contentDisposition } from '../export/file-name';
import { strategyReportService } from './strategy-services';

const TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

/** The GET of a progress report (whole strategy, or the field of `[id]`), as PDF or DOCX. */
export function strategyReportResponse(
	event: { locals: App.Locals; params: { board: string; id?: string } },
	format: 'pdf' | 'docx'
): Promise<Response> {
	const fieldId = event.params.id === undefined ? undefined : idParam(event.locals, event.params.id);
	return boardResource(event, async (board) => {
		const { title, bytes } = await strategyReportService(event.locals).report({
			board,
			fieldId,
			format,
			locale: event.locals.locale
		});
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': TYPES[format],
				'content-disposition': contentDisposition(title, format),
				'cache-control': 'private, no-store'
			}
		});
	});
}
