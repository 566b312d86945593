import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { formTokenField } from '$lib/server/common.schema';
import { newFormToken } from '$lib/server/form-token';
import { parseForm, serviceFailure } from '$lib/server/http';
import { IMPORT_MAX_BYTES } from '$lib/server/export/import';
import { exportService, requireUser } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

// The form's one-time token: the same upload sent twice (double click, a resent POST) makes one paper.
const importForm = z.object({ title: z.string().trim().max(200).default(''), ...formTokenField });

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	return { maxMb: IMPORT_MAX_BYTES / 1024 / 1024, formToken: newFormToken() };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		const parsed = parseForm(importForm, data, locals.locale);
		if (!parsed.ok) return parsed.failure;
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name) {
			return fail(400, { values: { title: parsed.data.title }, errors: { file: translate(locals.locale, 'comments.import.error.missing') } });
		}
		// Checked before reading: an oversized upload is refused without holding it in memory twice.
		if (file.size > IMPORT_MAX_BYTES) {
			return fail(400, { values: { title: parsed.data.title }, errors: { file: translate(locals.locale, 'comments.import.error.tooLarge', { mb: IMPORT_MAX_BYTES / 1024 / 1024 }) } });
		}
		let paperId: string;
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			({ paperId } = await exportService(locals).importPaper(board, { file: { name: file.name, bytes }, title: parsed.data.title || null, formToken: parsed.data.formToken }));
		} catch (error) {
			return serviceFailure(error, locals.locale, { title: parsed.data.title });
		}
		redirect(303, `/b/${board.slug}/papers/${paperId}`);
	}
};
