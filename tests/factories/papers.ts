import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import type { AccessLevel, PaperStatus, Visibility } from '$lib/types/paper.types';
import type { TestBoard, TestUser } from './index';

export interface TestPaper {
	id: string;
	boardId: string;
	title: string;
}

let sequence = 0;

/** A paper written by `author` (as the database owner, like a migration would). */
export async function createPaper(
	db: Database,
	input: {
		board: TestBoard;
		author: TestUser;
		title?: string;
		status?: PaperStatus;
		tags?: string[];
		visibility?: Visibility;
		boardAccess?: AccessLevel;
		updatedBy?: TestUser;
		updatedAt?: Date;
	}
): Promise<TestPaper> {
	const paper = { id: randomUUID(), boardId: input.board.id, title: input.title ?? `Papier ${++sequence}` };
	await db.ownerTransaction((tx) =>
		tx.query(
			`insert into public.papers (id, board_id, title, status, tags, visibility, board_access, created_by, updated_by, updated_at)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			[
				paper.id,
				paper.boardId,
				paper.title,
				input.status ?? 'draft',
				input.tags ?? [],
				input.visibility ?? 'board',
				input.boardAccess ?? 'edit',
				input.author.id,
				(input.updatedBy ?? input.author).id,
				input.updatedAt ?? new Date()
			]
		)
	);
	return paper;
}

/** Names `user` on the paper with `access`. */
export async function grantPaperAccess(
	db: Database,
	input: { paper: TestPaper; user: TestUser; access: AccessLevel }
): Promise<void> {
	await db.ownerTransaction((tx) =>
		tx.query(`insert into public.paper_access (paper_id, user_id, access) values ($1, $2, $3)`, [
			input.paper.id,
			input.user.id,
			input.access
		])
	);
}
