import type { CollabHub } from '../collab/hub';
import { COLLAB_FRAGMENT } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import type { BoardContext } from '../boards/policy';
import { notFound } from '../errors';
import { docFromState } from '../documents/paper-document';
import { findPaper } from '../papers/paper.repository';
import type { SinceReadAuthor, SinceReadView } from '$lib/types/since-read.types';
import { deletersFrom, diffSinceRead, documentBlocks, storedBlocks, type AttributedBlock } from './since-read-diff';
import * as repo from './since-read.repository';

export interface SinceReadServiceDeps {
	/** Under the signed-in person's RLS. */
	db: ScopedDb;
	/** The paper's current document (the collaboration server's state). */
	hub: Pick<CollabHub, 'getState'>;
}

/** The blocks of a paper's current document, attributed to the Yjs clients that wrote them. */
export async function currentBlocks(hub: SinceReadServiceDeps['hub'], paperId: string): Promise<AttributedBlock[]> {
	const doc = docFromState(await hub.getState(paperId));
	try {
		return documentBlocks(doc, COLLAB_FRAGMENT);
	} finally {
		doc.destroy();
	}
}

const nothing = (state: SinceReadView['state'], readAt: Date | null): SinceReadView => ({
	state,
	readAt,
	count: 0,
	blocks: [],
	authors: [],
	truncated: false
});

/** "Changed since you last read" of one paper for the signed-in person (#15). */
export function createSinceReadService(deps: SinceReadServiceDeps) {
	const { db, hub } = deps;

	async function requirePaper(board: BoardContext, paperId: string) {
		const paper = await db.run((tx) => findPaper(tx, { boardId: board.id, paperId }));
		if (!paper) throw notFound();
		return paper;
	}

	return {
		/** What others changed since the person's read, highlighted; `first` when they never read it. */
		async view(board: BoardContext, paperId: string): Promise<SinceReadView> {
			const read = await db.run((tx) => repo.findRead(tx, { boardId: board.id, paperId }));
			if (!read) return nothing('first', null);
			if (!read.changed) return nothing('unchanged', read.readAt);
			const after = await currentBlocks(hub, paperId);
			const since = { paperId, since: read.readAt };
			const { clientUser, editors, deletions } = await db.run(async (tx) => ({
				clientUser: await repo.clientUsers(tx, paperId),
				editors: await repo.editorsSince(tx, since),
				deletions: await repo.deletionsSince(tx, since)
			}));
			const diff = diffSinceRead({
				before: read.blocks,
				after,
				clientUser,
				deletersOf: deletersFrom(deletions),
				editorsSince: editors
			});
			if (diff.count === 0) return nothing('unchanged', read.readAt);
			const ids = [...new Set(diff.blocks.flatMap((b) => b.segments.flatMap((s) => s.authors)))];
			const names = await db.run((tx) => repo.namesOf(tx, ids));
			const authors: SinceReadAuthor[] = ids.map((id) => ({ id, name: names.get(id) ?? null }));
			const index = new Map(ids.map((id, i) => [id, i]));
			const blocks = diff.blocks.map((block) => ({
				...block,
				segments: block.segments.map((s) => ({ ...s, authors: s.authors.map((id) => index.get(id)!) }))
			}));
			return { state: 'changed', readAt: read.readAt, count: diff.count, blocks, authors, truncated: diff.truncated };
		},

		/** The person downloaded the meeting's board book (its agenda then marks papers changed after it). */
		async recordDownload(meetingId: string): Promise<void> {
			await db.run((tx) => repo.recordDownload(tx, meetingId));
		},

		/** Marks the paper as read as it is now; idempotent (a repeat only moves the time). */
		async markRead(board: BoardContext, paperId: string): Promise<{ readAt: Date }> {
			const paper = await requirePaper(board, paperId);
			const blocks = storedBlocks(await currentBlocks(hub, paper.id));
			await db.run((tx) => repo.saveRead(tx, { paperId: paper.id, blocks }));
			return { readAt: new Date() };
		}
	};
}
