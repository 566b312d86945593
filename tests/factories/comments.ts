import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { createCollabServer } from '$lib/server/collab/collab-server';
import type { CollabHub } from '$lib/server/collab/hub';
import { scopedDb } from '$lib/server/db/scoped';
import type { Database } from '$lib/server/db/types';
import type { Mailer } from '$lib/server/mail/port';
import type { BoardContext } from '$lib/server/boards/policy';
import { findBoardForCurrentUser } from '$lib/server/boards/board.repository';
import { createCommentService } from '$lib/server/comments/comment.service';
import { createExportService } from '$lib/server/export/export.service';
import { createVersionService } from '$lib/server/versions/version.service';
import { jsonToState } from '$lib/server/documents/paper-document';
import { claimsFor, type TestBoard, type TestUser } from './index';

/** A paper row (as the database owner) with optional named access entries. */
export async function createPaper(
	db: Database,
	input: {
		board: TestBoard;
		author: TestUser;
		title?: string;
		visibility?: 'board' | 'restricted';
		boardAccess?: 'view' | 'comment' | 'edit';
		access?: { user: TestUser; access: 'view' | 'comment' | 'edit' }[];
	}
): Promise<{ id: string; title: string }> {
	const paper = { id: randomUUID(), title: input.title ?? `Strategiepapier ${randomUUID().slice(0, 6)}` };
	await db.ownerTransaction(async (tx) => {
		await tx.query(
			`insert into public.papers (id, board_id, title, visibility, board_access, created_by) values ($1, $2, $3, $4, $5, $6)`,
			[paper.id, input.board.id, paper.title, input.visibility ?? 'board', input.boardAccess ?? 'edit', input.author.id]
		);
		for (const entry of input.access ?? []) {
			await tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, $3)`, [
				paper.id,
				entry.user.id,
				entry.access
			]);
		}
	});
	return paper;
}

/** The real collaboration server of this process over the test database (no sockets needed). */
export function createTestHub(db: Database) {
	return createCollabServer({ db });
}

/** A paragraph-per-string document. */
export function paragraphs(...texts: string[]): JSONContent {
	return {
		type: 'doc',
		content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }))
	};
}

/** Fills a paper's document through the hub, as an editor's first change would. */
export async function seedDocument(hub: CollabHub, input: { paperId: string; author: TestUser; doc: JSONContent }) {
	await hub.applyUpdate(input.paperId, jsonToState(input.doc), input.author.id);
}

/** The services of this issue as `user` sees them (board resolved under their RLS; null board = not a member). */
export async function servicesFor(
	db: Database,
	input: { user: TestUser; board: TestBoard; hub: CollabHub; mailer: Mailer; origin: string }
) {
	const scoped = scopedDb(db, claimsFor(input.user));
	const found = (await scoped.run((tx) => findBoardForCurrentUser(tx, input.board.slug))) as BoardContext | null;
	// Someone outside the board addresses it anyway (a forged form): the services must still refuse.
	const board: BoardContext = found ?? {
		id: input.board.id,
		slug: input.board.slug,
		name: input.board.name,
		role: null
	};
	const actor = { userId: input.user.id, displayName: input.user.displayName };
	return {
		board,
		comments: createCommentService({
			db: scoped,
			systemDb: db,
			hub: input.hub,
			mailer: input.mailer,
			origin: input.origin,
			actor
		}),
		versions: createVersionService({ db: scoped, hub: input.hub, locale: 'de', actor }),
		exports: createExportService({ db: scoped, hub: input.hub, actor })
	};
}
