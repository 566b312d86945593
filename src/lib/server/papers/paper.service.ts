import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import * as repo from './paper.repository';
import type { PaperRow } from './paper.repository';
import { MAX_TAGS, MAX_TAG_LENGTH } from '$lib/types/paper.types';
import type { CreatePaperInput, LibraryQuery } from './paper.schema';

/** What the collaboration server must hear about: sockets of this paper may have lost access. */
export interface CollabNotifier {
	accessChanged(scope: { paperId: string }): void;
}

export interface PaperServiceDeps {
	db: ScopedDb;
	collab: CollabNotifier;
}

function checkTags(list: string[]) {
	if (list.length > MAX_TAGS) throw new ServiceError(400, 'papers.error.tooManyTags', { count: MAX_TAGS });
	if (list.some((tag) => tag.length > MAX_TAG_LENGTH))
		throw new ServiceError(400, 'papers.error.tagTooLong', { count: MAX_TAG_LENGTH });
}

export function createPaperService(deps: PaperServiceDeps) {
	const { db, collab } = deps;
	const isMember = (board: BoardContext) => allowed(board, 'board.enter');
	const isFullMember = (board: BoardContext) => allowed(board, 'papers.create');

	/** The paper as the current person sees it, or "not found" (also for another board's paper). */
	async function visiblePaper(tx: Tx, board: BoardContext, paperId: string): Promise<PaperRow> {
		if (!isMember(board)) throw notFound();
		const paper = await repo.findPaper(tx, { boardId: board.id, paperId });
		if (!paper) throw notFound();
		return paper;
	}

	async function managed(tx: Tx, board: BoardContext, paperId: string): Promise<PaperRow> {
		const paper = await visiblePaper(tx, board, paperId);
		if (!paper.canManage) throw forbidden();
		return paper;
	}

	return {
		async list(board: BoardContext, query: LibraryQuery) {
			if (!isMember(board)) throw forbidden();
			return db.run(async (tx) => ({
				papers: await repo.listPapers(tx, {
					boardId: board.id,
					status: query.status,
					tag: query.tag,
					text: query.q,
					sort: query.sort
				}),
				tags: await repo.listTags(tx, board.id),
				canCreate: isFullMember(board)
			}));
		},

		async get(board: BoardContext, paperId: string) {
			return db.run((tx) => visiblePaper(tx, board, paperId));
		},

		/** The settings page: editors rename and change the status; managers also see and change access. */
		async settings(board: BoardContext, paperId: string) {
			return db.run(async (tx) => {
				const paper = await visiblePaper(tx, board, paperId);
				if (paper.access !== 'edit') throw forbidden();
				if (!paper.canManage) return { paper, access: [], candidates: [] };
				return {
					paper,
					access: await repo.listAccess(tx, paperId),
					candidates: await repo.listCandidates(tx, board.id)
				};
			});
		},

		async create(board: BoardContext, input: CreatePaperInput): Promise<{ id: string }> {
			if (!isFullMember(board)) throw forbidden();
			checkTags(input.tags);
			const { id } = await db.run((tx) => repo.insertPaper(tx, { boardId: board.id, ...input }));
			return { id };
		},

		async rename(board: BoardContext, input: { paperId: string; title: string; tags: string[] }) {
			checkTags(input.tags);
			await db.run(async (tx) => {
				const paper = await visiblePaper(tx, board, input.paperId);
				if (paper.access !== 'edit') throw forbidden();
				await repo.updatePaper(tx, { boardId: board.id, ...input });
			});
		},

		/** Editors move a paper between draft, discussion and adopted; (un)archiving is for managers. */
		async setStatus(board: BoardContext, input: { paperId: string; status: repo.PaperStatus }) {
			const archiving = await db.run(async (tx) => {
				const paper = await visiblePaper(tx, board, input.paperId);
				const touchesArchive = (paper.status === 'archived') !== (input.status === 'archived');
				if (touchesArchive ? !paper.canManage : paper.access !== 'edit') throw forbidden();
				await repo.updatePaper(tx, { boardId: board.id, ...input });
				return touchesArchive;
			});
			// Archiving makes the paper read-only: open sockets must reconnect with the new access.
			if (archiving) collab.accessChanged({ paperId: input.paperId });
		},

		async remove(board: BoardContext, paperId: string) {
			await db.run(async (tx) => {
				await managed(tx, board, paperId);
				if (!(await repo.deletePaper(tx, { boardId: board.id, paperId }))) throw forbidden();
			});
			collab.accessChanged({ paperId });
		},

		async setVisibility(
			board: BoardContext,
			input: { paperId: string; visibility: repo.Visibility; boardAccess: repo.AccessLevel }
		) {
			await db.run(async (tx) => {
				await managed(tx, board, input.paperId);
				await repo.updatePaper(tx, { boardId: board.id, ...input });
			});
			collab.accessChanged({ paperId: input.paperId });
		},

		/** Names a person of the board with a level (or changes it); returns their display name. */
		async grant(
			board: BoardContext,
			input: { paperId: string; userId: string; access: repo.AccessLevel }
		): Promise<string> {
			const name = await db.run(async (tx) => {
				await managed(tx, board, input.paperId);
				if (!(await repo.isActiveMember(tx, { boardId: board.id, userId: input.userId }))) {
					throw new ServiceError(400, 'papers.error.notMember');
				}
				await repo.upsertAccess(tx, input);
				return (await repo.displayNameOf(tx, input.userId)) ?? '';
			});
			collab.accessChanged({ paperId: input.paperId });
			return name;
		},

		async revoke(board: BoardContext, input: { paperId: string; userId: string }) {
			await db.run(async (tx) => {
				await managed(tx, board, input.paperId);
				if (!(await repo.deleteAccess(tx, input))) throw notFound();
			});
			collab.accessChanged({ paperId: input.paperId });
		}
	};
}

export type PaperService = ReturnType<typeof createPaperService>;
