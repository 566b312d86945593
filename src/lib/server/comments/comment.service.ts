import { randomUUID } from 'node:crypto';
import type { CollabHub } from '../collab/hub';
import { withSystem, type ScopedDb } from '../db/scoped';
import type { Database } from '../db/types';
import { rowOfFormToken } from '../db/form-token';
import type { FormTokenInput } from '../common.schema';
import { ServiceError, forbidden, notFound } from '../errors';
import type { Mailer } from '../mail/port';
import { commentMentionMail } from '../mail/comment-templates';
import { createNotifier } from '../notifications/notifier';
import type { BoardContext } from '../boards/policy';
import { commentMarkUpdate } from './comment-anchor';
import { COMMENT_MAX, QUOTE_MAX } from './comment.schema';
import { mentionedReaders } from './mentions';
import * as repo from './comment.repository';

export interface CommentServiceDeps {
	db: ScopedDb;
	/** For the mentioned people's addresses (system task 'mail'): the commenter may not be allowed to read them. */
	systemDb: Database;
	hub: CollabHub;
	mailer: Mailer;
	origin: string;
	actor: { userId: string; displayName: string };
}

/** Refuses text the schemas would refuse too: services are also called without a form in front. */
function checkBody(text: string): string {
	const trimmed = text.trim();
	if (!trimmed) throw new ServiceError(400, 'comments.error.empty');
	if (trimmed.length > COMMENT_MAX) throw new ServiceError(400, 'comments.error.tooLong', { count: COMMENT_MAX });
	return trimmed;
}

export function createCommentService(deps: CommentServiceDeps) {
	const { db, systemDb, hub, mailer, origin, actor } = deps;

	async function paperFor(board: BoardContext, paperId: string, need: 'read' | 'comment') {
		const paper = await db.run((tx) => repo.findPaper(tx, { boardId: board.id, paperId }));
		if (!paper) throw notFound();
		if (need === 'comment' && paper.access === 'view') throw forbidden();
		return paper;
	}

	/** The thread, checked to belong to a paper of this board the actor may comment on. */
	async function threadFor(board: BoardContext, threadId: string) {
		const thread = await db.run((tx) => repo.findThread(tx, threadId));
		if (!thread) throw notFound();
		return { thread, paper: await paperFor(board, thread.paperId, 'comment') };
	}

	/**
	 * The thread an earlier submit of the same form opened: only the opener's own, on the same paper;
	 * a token seen elsewhere is refused rather than answered with someone else's thread.
	 */
	async function repeatedThread(paperId: string, threadId: string) {
		return db.run(async (tx) => {
			const thread = await repo.findThread(tx, threadId);
			const commentId = await repo.firstCommentId(tx, threadId);
			if (!thread || thread.paperId !== paperId || thread.createdBy !== actor.userId || !commentId) {
				throw new ServiceError(409, 'form.error.tokenUsed');
			}
			return { threadId, commentId };
		});
	}

	/** Records and mails mentions of a comment: once per person and comment, in their language. */
	async function mention(input: {
		board: BoardContext;
		paper: repo.PaperRef;
		threadId: string;
		commentId: string;
		body: string;
		explicit: string[];
	}) {
		const readers = await db.run((tx) => repo.listReaders(tx, input.paper.id));
		const people = mentionedReaders({ body: input.body, explicit: input.explicit, readers }).filter(
			(r) => r.userId !== actor.userId
		);
		const fresh = await db.run((tx) =>
			repo.addMentions(tx, { commentId: input.commentId, userIds: people.map((p) => p.userId) })
		);
		// Mentioned people may read the paper (paper_readers said so); where to mail them is the mail task's to know.
		const addresses = await withSystem(systemDb, 'mail', (tx) => repo.mailAddresses(tx, fresh));
		const path = `/b/${encodeURIComponent(input.board.slug)}/papers/${input.paper.id}#thread-${input.threadId}`;
		// The notification service records the in-app entry once per person and comment and mails per preference.
		await createNotifier({ mailer, run: db.run }).notify({
			kind: 'comment-mention',
			boardId: input.board.id,
			event: input.commentId,
			path,
			params: { board: input.board.name, subject: input.paper.title, actor: actor.displayName },
			recipients: people.flatMap((person) => {
				const address = addresses.find((a) => a.userId === person.userId);
				return address ? [{ ...person, email: address.email, locale: address.locale }] : [];
			}),
			mail: (person) =>
				commentMentionMail({
					locale: person.locale,
					recipientName: person.displayName,
					authorName: actor.displayName,
					paperTitle: input.paper.title,
					boardName: input.board.name,
					body: input.body,
					link: `${origin}${path}`
				})
		});
	}

	return {
		/** Threads with their comments, the readers one may mention, and what the actor may do. */
		async list(board: BoardContext, paperId: string) {
			const paper = await paperFor(board, paperId, 'read');
			return db.run(async (tx) => {
				const comments = await repo.listComments(tx, paperId);
				const threads = (await repo.listThreads(tx, paperId)).map((thread) => ({
					...thread,
					comments: comments
						.filter((c) => c.threadId === thread.id)
						.map((c) => ({ ...c, mine: c.authorId === actor.userId }))
				}));
				const canComment = paper.access !== 'view';
				const readers = canComment
					? (await repo.listReaders(tx, paperId)).map((r) => ({ userId: r.userId, displayName: r.displayName }))
					: [];
				return { paper: { id: paper.id, title: paper.title }, canComment, threads, readers };
			});
		},

		/**
		 * Opens a thread on selected text: the thread and its first comment, then the mark as a server-side change.
		 * The same form token again returns the thread it opened, without a second mark or mail.
		 */
		async createThread(
			board: BoardContext,
			input: {
				paperId: string;
				from: number;
				to: number;
				quote: string;
				body: string;
				mentions?: string[];
			} & FormTokenInput
		) {
			const text = checkBody(input.body);
			const paper = await paperFor(board, input.paperId, 'comment');
			// A repeat after the first finished: its anchor is in the document already, so it is not placed again.
			const earlier = await db.run((tx) => rowOfFormToken(tx, 'comment_threads', input.formToken));
			if (earlier) return repeatedThread(paper.id, earlier);
			const threadId = randomUUID();
			const update = commentMarkUpdate(await hub.getState(paper.id), { ...input, threadId });
			// A concurrent repeat waits on the token's unique index for the first and then finds its thread.
			const written = await db.run(async (tx) => {
				const thread = await repo.insertThread(tx, {
					id: threadId,
					paperId: paper.id,
					quote: input.quote.slice(0, QUOTE_MAX),
					formToken: input.formToken
				});
				return { thread, comment: thread.created ? await repo.insertComment(tx, { threadId, body: text }) : null };
			});
			if (!written.comment) return repeatedThread(paper.id, written.thread.id);
			const comment = written.comment;
			try {
				await hub.applyUpdate(paper.id, update, actor.userId);
			} catch (error) {
				await db.run((tx) => repo.deleteThread(tx, threadId));
				throw error;
			}
			await mention({ board, paper, threadId, commentId: comment.id, body: text, explicit: input.mentions ?? [] });
			return { threadId, commentId: comment.id };
		},

		/** Answers a thread; the same form token again returns the reply it wrote (mentions are mailed once). */
		async reply(board: BoardContext, input: { threadId: string; body: string; mentions?: string[] } & FormTokenInput) {
			const text = checkBody(input.body);
			const { thread, paper } = await threadFor(board, input.threadId);
			const comment = await db.run(async (tx) => {
				const written = await repo.insertComment(tx, { threadId: thread.id, body: text, formToken: input.formToken });
				if (!written.created) {
					// Only the author's own reply in this thread counts as the same form sent again.
					const earlier = await repo.findComment(tx, written.id);
					if (earlier?.threadId !== thread.id || earlier.authorId !== actor.userId)
						throw new ServiceError(409, 'form.error.tokenUsed');
				}
				return written;
			});
			if (comment.created)
				await mention({
					board,
					paper,
					threadId: thread.id,
					commentId: comment.id,
					body: text,
					explicit: input.mentions ?? []
				});
			return { id: comment.id };
		},

		/** Only the author edits a comment; people newly mentioned in the edit get their mail. */
		async edit(board: BoardContext, input: { commentId: string; body: string; mentions?: string[] }) {
			const text = checkBody(input.body);
			const comment = await db.run((tx) => repo.findComment(tx, input.commentId));
			if (!comment) throw notFound();
			const paper = await paperFor(board, comment.paperId, 'comment');
			if (comment.authorId !== actor.userId) throw new ServiceError(403, 'comments.error.notAuthor');
			if (!(await db.run((tx) => repo.updateComment(tx, { commentId: comment.id, body: text })))) throw forbidden();
			await mention({
				board,
				paper,
				threadId: comment.threadId,
				commentId: comment.id,
				body: text,
				explicit: input.mentions ?? []
			});
		},

		async setResolved(board: BoardContext, input: { threadId: string; resolved: boolean }) {
			const { thread } = await threadFor(board, input.threadId);
			if (!(await db.run((tx) => repo.setResolved(tx, { threadId: thread.id, resolved: input.resolved }))))
				throw forbidden();
		}
	};
}

export type CommentService = ReturnType<typeof createCommentService>;
