import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import { dashboardService } from '$lib/server/services';
import { requestTo } from '../support/app-context';
import { type TestBoard, type TestUser } from './index';

// Dashboard factories: rows the dashboard reads (tasks, comments with mentions), written as the
// database owner like a migration would, and the dashboard as a person sees it.

/** A task of the board; `owner` null with `ownerOffice` for an office task. */
export async function createTask(
	db: Database,
	input: {
		board: TestBoard;
		owner: TestUser | null;
		title?: string;
		dueDate?: string | null;
		status?: string;
		ownerOffice?: boolean;
	}
): Promise<{ id: string; title: string }> {
	const task = { id: randomUUID(), title: input.title ?? `Aufgabe ${randomUUID().slice(0, 6)}` };
	await db.ownerTransaction((tx) =>
		tx.query(
			`insert into public.tasks (id, board_id, title, owner_id, owner_office, due_date, status) values ($1, $2, $3, $4, $5, $6::date, $7)`,
			[
				task.id,
				input.board.id,
				task.title,
				input.owner?.id ?? null,
				input.ownerOffice ?? false,
				input.dueDate ?? null,
				input.status ?? 'open'
			]
		)
	);
	return task;
}

/** A comment thread on a paper with one comment by `author` that mentions `mentioned`. */
export async function createMention(
	db: Database,
	input: { paperId: string; author: TestUser; mentioned: TestUser[]; body?: string; createdAt?: Date }
): Promise<{ threadId: string; commentId: string; body: string }> {
	const threadId = randomUUID();
	const commentId = randomUUID();
	const body =
		input.body ?? `@${input.mentioned[0]?.displayName ?? 'jemand'} bitte ansehen ${randomUUID().slice(0, 6)}`;
	await db.ownerTransaction(async (tx) => {
		await tx.query(
			`insert into public.comment_threads (id, paper_id, quote, created_by) values ($1, $2, 'Zitat', $3)`,
			[threadId, input.paperId, input.author.id]
		);
		await tx.query(
			`insert into public.comments (id, thread_id, author_id, body, created_at) values ($1, $2, $3, $4, $5)`,
			[commentId, threadId, input.author.id, body, input.createdAt ?? new Date()]
		);
		for (const person of input.mentioned) {
			await tx.query(`insert into public.comment_mentions (comment_id, user_id) values ($1, $2)`, [
				commentId,
				person.id
			]);
		}
	});
	return { threadId, commentId, body };
}

/** The dashboard as `user` sees it, built through services.ts from a request by them. */
export async function dashboardOf(db: Database, user: TestUser) {
	return dashboardService(await requestTo(db, user)).load();
}
