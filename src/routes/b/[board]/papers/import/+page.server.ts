import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { loadBoard } from '$lib/server/boards/board-context';
import { parseForm, serviceFailure } from '$lib/server/http';
import { IMPORT_MAX_BYTES } from '$lib/server/export/import';
import { exportService, requireUser } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const importForm = z.object({ title: z.string().trim().max(200).default('') });

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	return { maxMb: IMPORT_MAX_BYTES / 1024 / 1024 };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const board = await loadBoard(locals, params.board);
		const data = await request.formData();
		const parsed = parseForm(importForm, data, locals.locale);
		if (!parsed.ok) return parsed.failure;
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name) {
			return fail(400, { values: parsed.data, errors: { file: translate(locals.locale, 'comments.import.error.missing') } });
		}
		// Checked before reading: an oversized upload is refused without holding it in memory twice.
		if (file.size > IMPORT_MAX_BYTES) {
			return fail(400, { values: parsed.data, errors: { file: translate(locals.locale, 'comments.import.error.tooLarge', { mb: IMPORT_MAX_BYTES / 1024 / 1024 }) } });
		}
		let paperId: string;
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			({ paperId } = await exportService(locals).importPaper(board, { file: { name: file.name, bytes }, title: parsed.data.title || null }));
		} catch (error) {
			return serviceFailure(error, locals.locale, parsed.data);
		}
		redirect(303, `/b/${board.slug}/papers/${paperId}`);
	}
};
