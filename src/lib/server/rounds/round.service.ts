import { randomUUID } from 'node:crypto';
import type { Locale } from '$lib/i18n';
import type { CollabHub } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import type { Database, Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import type { Mailer } from '../mail/port';
import { roundInvitationMail, roundOpenedMail } from '../mail/round-templates';
import { randomSecret, sha256 } from '../auth/tokens';
import { lockFormToken, refuseUsedToken } from '../db/form-token';
import { findPaper } from '../comments/comment.repository';
import { findBoardPerson } from '../meetings/guest.repository';
import { stateToJSON } from '../documents/paper-document';
import { INVITATION_VALID_DAYS } from '../members/member.service';
import type { FormTokenInput } from '../common.schema';
import * as repo from './round.repository';
import type { OpenRoundInput, RoundFilter } from './round.schema';
import { roundLink } from './round-links';
import { syncRoundSuggestions } from './round-tracker';
import { buildSections } from './round-view';
import { summaryDocument } from './round-summary';

export interface RoundServiceDeps {
	db: ScopedDb;
	/** The process database, for the suggestion ledger (system task 'paper-rounds'). */
	systemDb: Database;
	hub: Pick<CollabHub, 'getState' | 'accessChanged'>;
	mailer: Mailer;
	origin: string;
	actor: { userId: string; displayName: string };
	/** Stores a file on an agenda item (the files area's upload). */
	attachFile: (
		board: BoardContext,
		input: { fileName: string; bytes: Uint8Array; agendaItemId: string; formToken?: string | null }
	) => Promise<{ id: string; created: boolean }>;
}

type Mail = { to: string; locale: Locale; name: string; inviteLink?: string; expiresAt?: Date };

export function createRoundService(deps: RoundServiceDeps) {
	const { db, actor } = deps;
	const mayOpen = (board: BoardContext) => allowed(board, 'rounds.open');

	async function paperOr404(tx: Tx, board: BoardContext, paperId: string) {
		if (!allowed(board, 'board.enter')) throw notFound();
		const paper = await findPaper(tx, { boardId: board.id, paperId });
		if (!paper) throw notFound();
		return paper;
	}

	async function roundOr404(tx: Tx, board: BoardContext, paperId: string, roundId: string) {
		const round = await repo.findRound(tx, roundId);
		if (!round || round.boardId !== board.id || round.paperId !== paperId) throw notFound();
		return round;
	}

	/** Finds or invites each address: full members take part as members, guests as contributors, others by invitation. */
	async function addContributors(tx: Tx, board: BoardContext, roundId: string, emails: string[]): Promise<Mail[]> {
		const mails: Mail[] = [];
		for (const email of emails) {
			const person = await findBoardPerson(tx, { boardId: board.id, email });
			if (person) {
				const kind = person.role === 'guest' ? 'contributor' : 'member';
				await repo.addParticipant(tx, { roundId, userId: person.userId, kind });
				mails.push({ to: person.email, locale: person.locale as Locale, name: person.displayName });
				continue;
			}
			const token = randomSecret();
			const { expiresAt } = await repo.upsertRoundInvitation(tx, {
				boardId: board.id,
				roundId,
				email,
				tokenHash: sha256(token),
				validDays: INVITATION_VALID_DAYS
			});
			const inviteLink = `${deps.origin}/invite/${encodeURIComponent(token)}`;
			mails.push({ to: email, locale: 'de', name: '', inviteLink, expiresAt });
		}
		return mails;
	}

	async function sendMails(board: BoardContext, round: repo.RoundMailFacts, mails: Mail[], locale: Locale) {
		const link = roundLink(deps.origin, { boardSlug: board.slug, paperId: round.paperId, roundId: round.id });
		for (const mail of mails) {
			const base = {
				locale: mail.inviteLink ? locale : mail.locale === 'en' ? ('en' as const) : ('de' as const),
				name: mail.name,
				inviter: actor.displayName,
				boardName: board.name,
				paper: round.paperTitle,
				question: round.question,
				deadline: round.endsAt,
				link
			};
			const content =
				mail.inviteLink && mail.expiresAt
					? roundInvitationMail({ ...base, inviteLink: mail.inviteLink, expiresAt: mail.expiresAt })
					: roundOpenedMail(base);
			await deps.mailer.send({
				to: mail.to,
				kind: mail.inviteLink ? 'round-invitation' : 'round-opened',
				boardId: board.id,
				secrets: mail.inviteLink ? [mail.inviteLink] : undefined,
				...content
			});
		}
	}

	return {
		mayOpen,

		/** The paper's rounds; for the office also the members to ask. */
		async list(board: BoardContext, paperId: string) {
			return db.run(async (tx) => {
				const paper = await paperOr404(tx, board, paperId);
				const open = mayOpen(board);
				return {
					paper: { id: paper.id, title: paper.title },
					rounds: await repo.listRounds(tx, paperId),
					members: open ? await repo.listBoardMembers(tx, board.id) : [],
					mayOpen: open
				};
			});
		},

		/**
		 * Opens a round: members asked, contributors invited (or added, when already guests of the board), a mail
		 * each. The same form token again returns the round it made, with no second mail.
		 */
		async open(board: BoardContext, paperId: string, input: OpenRoundInput & { locale: Locale }) {
			if (!mayOpen(board)) throw forbidden();
			if (input.endsAt.getTime() <= Date.now()) throw new ServiceError(400, 'rounds.error.past');
			const formToken = input.formToken ?? null;
			const outcome = await db
				.run(async (tx) => {
					await lockFormToken(tx, formToken);
					const before = await repo.roundOfFormToken(tx, formToken);
					if (before) {
						if (before.paperId !== paperId) throw new ServiceError(409, 'form.error.tokenUsed');
						return { round: before, mails: [] as Mail[], created: false };
					}
					const paper = await paperOr404(tx, board, paperId);
					const id = randomUUID();
					await repo.insertRound(tx, {
						id,
						boardId: board.id,
						paperId,
						question: input.question,
						endsAt: input.endsAt,
						formToken
					});
					const members = await repo.listBoardMembers(tx, board.id);
					const mails: Mail[] = [];
					for (const member of members.filter((m) => input.members.includes(m.userId))) {
						await repo.addParticipant(tx, { roundId: id, userId: member.userId, kind: 'member' });
						mails.push({ to: member.email, locale: member.locale as Locale, name: member.displayName });
					}
					mails.push(...(await addContributors(tx, board, id, input.contributors)));
					const round = { id, paperId, paperTitle: paper.title, question: input.question, endsAt: input.endsAt };
					return { round, mails, created: true };
				})
				.catch(refuseUsedToken);
			if (outcome.created) await sendMails(board, outcome.round, outcome.mails, input.locale);
			return { id: outcome.round.id, created: outcome.created };
		},

		/** The round page: participants and, for the board's full members, the entries per section. */
		async page(board: BoardContext, input: { paperId: string; roundId: string; filter: RoundFilter }) {
			const data = await db.run(async (tx) => {
				if (!allowed(board, 'board.read')) {
					// A contributor: the round with its paper while it runs; after it, its end note (their access
					// to the paper ended with the round, the round itself stays theirs to see).
					if (!allowed(board, 'board.enter')) throw notFound();
					const round = await repo.findRoundOfParticipant(tx, input.roundId);
					if (!round || round.boardId !== board.id || round.paperId !== input.paperId) throw notFound();
					if (round.isOpen) await paperOr404(tx, board, input.paperId);
					return { round, full: null };
				}
				await paperOr404(tx, board, input.paperId);
				const round = await roundOr404(tx, board, input.paperId, input.roundId);
				return {
					round,
					full: {
						participants: await repo.listParticipants(tx, round.id),
						pending: await repo.listPendingInvitations(tx, round.id),
						threads: await repo.listRoundThreads(tx, { roundId: round.id }),
						suggestions: await repo.listRoundSuggestions(tx, round.id),
						items: round.mayRun && allowed(board, 'files.manage') ? await repo.listUpcomingItems(tx, board.id) : []
					}
				};
			});
			if (!data.full) return { round: data.round, contributorView: true as const };
			const doc = stateToJSON(await deps.hub.getState(input.paperId));
			const view = buildSections({ doc, ...data.full, filter: input.filter });
			return { round: data.round, contributorView: false as const, ...data.full, ...view };
		},

		/** Closes the round with its summary (the office or the paper's author), after a last look at the suggestions. */
		async close(board: BoardContext, input: { paperId: string; roundId: string; summary: string }) {
			const round = await db.run((tx) => roundOr404(tx, board, input.paperId, input.roundId));
			if (!round.mayRun) throw forbidden();
			await syncRoundSuggestions({ db: deps.systemDb, hub: deps.hub, paperId: input.paperId });
			const contributors = await db.run(async (tx) => {
				if (!(await repo.closeRound(tx, { roundId: round.id, summary: input.summary }))) return null;
				return (await repo.listParticipants(tx, round.id)).filter((p) => p.kind === 'contributor');
			});
			if (!contributors) throw new ServiceError(409, 'rounds.error.closed');
			// Their access ended with the round: open editors close and reconnect without it.
			for (const person of contributors) deps.hub.accessChanged({ paperId: input.paperId, userId: person.userId });
		},

		/** The summary as PDF or DOCX, for everyone who sees the round page in full. */
		async summaryFile(
			board: BoardContext,
			input: { paperId: string; roundId: string; format: 'pdf' | 'docx'; locale: Locale }
		) {
			if (!allowed(board, 'board.read')) throw notFound();
			const page = await this.page(board, { ...input, filter: { kind: 'all', state: 'all', person: '' } });
			if (page.contributorView) throw notFound();
			if (!page.round.closedAt) throw new ServiceError(409, 'rounds.error.notClosed');
			return summaryDocument({ page, format: input.format, locale: input.locale });
		},

		/** Attaches the summary PDF to an agenda item (office); a repeated form gives the same file. */
		async attachSummary(
			board: BoardContext,
			input: { paperId: string; roundId: string; agendaItemId: string; locale: Locale } & FormTokenInput
		) {
			if (!allowed(board, 'files.manage')) throw forbidden();
			const file = await this.summaryFile(board, { ...input, format: 'pdf' });
			return deps.attachFile(board, {
				fileName: file.fileName,
				bytes: file.body,
				agendaItemId: input.agendaItemId,
				formToken: input.formToken ?? null
			});
		}
	};
}

export type RoundService = ReturnType<typeof createRoundService>;
