import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { newFormToken } from '$lib/server/form-token';
import { attempt, customBoardAction, parseForm, readForm } from '$lib/server/http';
import { IMPORT_MAX_BYTES } from '$lib/server/export/import';
import { importFormSchema } from '$lib/server/export/export.schema';
import { exportService, requireUser } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	return { maxMb: IMPORT_MAX_BYTES / 1024 / 1024, formToken: newFormToken() };
};

export const actions: Actions = {
	// A file upload beside the fields: the file is checked here, the title kept with any refusal.
	default: (event) =>
		customBoardAction(event, async (board) => {
			const { locals } = event;
			const data = await readForm(event.request, locals.locale);
			const parsed = parseForm(importFormSchema, data, locals.locale);
			if (!parsed.ok) return parsed.failure;
			const values = { title: parsed.data.title };
			const file = data.get('file');
			if (!(file instanceof File) || file.size === 0 || !file.name) {
				return fail(400, { values, errors: { file: translate(locals.locale, 'comments.import.error.missing') } });
			}
			// Checked before reading: an oversized upload is refused without holding it in memory twice.
			if (file.size > IMPORT_MAX_BYTES) {
				return fail(400, {
					values,
					errors: {
						file: translate(locals.locale, 'comments.import.error.tooLarge', { mb: IMPORT_MAX_BYTES / 1024 / 1024 })
					}
				});
			}
			const imported = await attempt(locals.locale, async () => {
				const bytes = new Uint8Array(await file.arrayBuffer());
				return exportService(locals).importPaper(board, {
					file: { name: file.name, bytes },
					title: parsed.data.title || null,
					formToken: parsed.data.formToken
				});
			});
			if (!imported.ok) return fail(imported.status, { values, message: imported.message });
			redirect(303, `/b/${board.slug}/papers/${imported.value.paperId}`);
		})
};
