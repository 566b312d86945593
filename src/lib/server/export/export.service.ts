import type { CollabHub } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import { findPaper } from '../comments/comment.repository';
import { jsonToState, stateToJSON } from '../documents/paper-document';
import { toDocx } from './docx';
import { contentDisposition } from './file-name';
import { parseImport, titleFrom } from './import';
import { toMarkdown } from './markdown';
import { toPdf } from './pdf';
import { deletePaper, findPaper as findPaperRow, insertPaper } from '../papers/paper.repository';
import type { FormTokenInput } from '../common.schema';
import type { JSONContent } from '@tiptap/core';
import { acceptAll, markBreaks, rejectAll } from '$lib/suggestions/suggestions';
import type { ExportFormat, ExportSuggestions } from './export.schema';

const CONTENT_TYPES: Record<ExportFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8'
};

export interface ExportServiceDeps {
	db: ScopedDb;
	hub: CollabHub;
	actor: { userId: string };
}

/** Pending suggestions as the person chose: kept marked, or resolved all one way. */
function resolveForExport(doc: JSONContent, suggestions: ExportSuggestions): JSONContent {
	if (suggestions === 'accepted') return acceptAll(doc);
	if (suggestions === 'rejected') return rejectAll(doc);
	// Suggested paragraph breaks as a marked pilcrow (Word revision, CriticMarkup, underline/strike in PDF).
	return markBreaks(doc);
}

export function createExportService(deps: ExportServiceDeps) {
	const { db, hub, actor } = deps;

	return {
		/** The paper as a file: everyone who may read it may download it. */
		async exportPaper(
			board: BoardContext,
			input: { paperId: string; format: ExportFormat; suggestions?: ExportSuggestions }
		) {
			const paper = await db.run((tx) => findPaper(tx, { boardId: board.id, paperId: input.paperId }));
			if (!paper) throw notFound();
			const doc = resolveForExport(stateToJSON(await hub.getState(paper.id)), input.suggestions ?? 'marked');
			const body =
				input.format === 'pdf'
					? await toPdf({ title: paper.title, doc })
					: input.format === 'docx'
						? await toDocx({ title: paper.title, doc })
						: Buffer.from(`# ${paper.title}\n\n${toMarkdown(doc)}`, 'utf8');
			return {
				body,
				contentType: CONTENT_TYPES[input.format],
				disposition: contentDisposition(paper.title, input.format)
			};
		},

		/**
		 * A new paper from a Markdown or DOCX file; its content is the document's first change. The same
		 * form token again returns the paper it made; its content is not written a second time.
		 */
		async importPaper(
			board: BoardContext,
			input: { file: { name: string; bytes: Uint8Array }; title?: string | null } & FormTokenInput
		) {
			if (!allowed(board, 'papers.create')) throw forbidden();
			const doc = await parseImport(input.file);
			const title = (input.title?.trim() || titleFrom(doc, input.file.name)).slice(0, 200);
			// Imported papers start with the library's defaults: the whole board may edit them.
			const paper = await db.run(async (tx) => {
				const written = await insertPaper(tx, {
					boardId: board.id,
					title,
					tags: [],
					visibility: 'board',
					boardAccess: 'edit',
					formToken: input.formToken
				});
				if (written.created) return { ...written, title };
				// Only the importer's own paper in this board is a repeat of their form.
				const earlier = await findPaperRow(tx, { boardId: board.id, paperId: written.id });
				if (!earlier || earlier.createdBy !== actor.userId) throw new ServiceError(409, 'form.error.tokenUsed');
				return { ...written, title: earlier.title };
			});
			if (!paper.created) return { paperId: paper.id, title: paper.title };
			try {
				await hub.applyUpdate(paper.id, jsonToState(doc), actor.userId);
			} catch (error) {
				await db.run((tx) => deletePaper(tx, { boardId: board.id, paperId: paper.id }));
				throw error;
			}
			return { paperId: paper.id, title };
		}
	};
}

export type ExportService = ReturnType<typeof createExportService>;
