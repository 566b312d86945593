import { translate, type Locale } from '$lib/i18n';
import { formatDate } from '$lib/format';
import type { CollabHub } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import { can, type BoardContext } from '../boards/policy';
import type { FormTokenInput } from '../common.schema';
import { findPaper } from '../comments/comment.repository';
import { insertVersionOnce } from '../versions/version.repository';
import { findEntries } from '../decisions/decision.repository';
import type { DecisionStatus } from '$lib/types/decision.types';
import type { DecisionPublicationView, PaperPublicationView } from '$lib/types/publication.types';
import { decisionPublicity } from './publication-rules';
import * as repo from './publication.repository';

export interface PublicationServiceDeps {
	db: ScopedDb;
	/** The collaboration hub: a published paper is frozen from its current document. */
	hub: Pick<CollabHub, 'getState'>;
	actor: { userId: string; isAdmin: boolean };
	/** Language of the actor: the frozen version is named in it. */
	locale: Locale;
}

/** The office's switches for the citizens' pages and the OParl interface (#14); RLS enforces the same. */
export function createPublicationService({ db, hub, actor, locale }: PublicationServiceDeps) {
	const mayManage = (board: BoardContext) => can(actor, 'publication.manage', board);
	function requireOffice(board: BoardContext) {
		if (!mayManage(board)) throw forbidden();
	}

	return {
		async boardStatus(board: BoardContext): Promise<{ isPublic: boolean; term: repo.BoardTerm }> {
			requireOffice(board);
			return db.run(async (tx) => {
				const [isPublic, term] = await Promise.all([repo.boardIsPublic(tx, board.id), repo.boardTerm(tx, board.id)]);
				return { isPublic, term };
			});
		},

		/** The board's term, shown publicly as OParl LegislativeTerm; all empty clears it. */
		async setBoardTerm(board: BoardContext, term: repo.BoardTerm): Promise<void> {
			requireOffice(board);
			const saved = await db.run((tx) => repo.setBoardTerm(tx, { boardId: board.id, ...term }));
			if (!saved) throw forbidden();
		},

		async setBoardPublic(board: BoardContext, isPublic: boolean): Promise<void> {
			requireOffice(board);
			const saved = await db.run((tx) => repo.setBoardPublic(tx, { boardId: board.id, isPublic }));
			if (!saved) throw forbidden();
		},

		/** A decision's publication for its page; `latest` is its newest revision as the page read it. */
		async decisionStatus(
			board: BoardContext,
			latest: { number: string; isPublic: boolean; status: DecisionStatus }
		): Promise<DecisionPublicationView> {
			const publishedAt = await db.run((tx) => repo.decisionPublishedAt(tx, board.id, latest.number));
			return { publishedAt, publicity: decisionPublicity(latest), canManage: mayManage(board) };
		},

		/** Publishes or withdraws a decision; only a public, adopted decision can be published. */
		async setDecisionPublic(board: BoardContext, number: string, publish: boolean): Promise<void> {
			requireOffice(board);
			await db.run(async (tx) => {
				const latest = (await findEntries(tx, board.id, number)).at(-1);
				if (!latest) throw notFound();
				if (!publish) {
					await repo.unpublishDecision(tx, { boardId: board.id, number });
					return;
				}
				const publicity = decisionPublicity(latest);
				if (publicity !== 'publishable') throw new ServiceError(409, `decisions.publication.error.${publicity}`);
				await repo.publishDecision(tx, { boardId: board.id, number, userId: actor.userId });
			});
		},

		/** A paper's publication for its settings page (null when the person cannot see the paper). */
		async paperStatus(board: BoardContext, paperId: string): Promise<PaperPublicationView> {
			const publication = await db.run((tx) => repo.paperPublication(tx, { boardId: board.id, paperId }));
			if (!publication) throw notFound();
			return { ...publication, canManage: mayManage(board) };
		},

		/**
		 * Publishes a paper as its current text, frozen in a named version ("Veröffentlicht am …") that the
		 * public pages render; or withdraws it. The same form token again publishes the same version.
		 */
		async setPaperPublished(
			board: BoardContext,
			input: { paperId: string; publish: boolean } & FormTokenInput
		): Promise<void> {
			requireOffice(board);
			const paper = await db.run((tx) => findPaper(tx, { boardId: board.id, paperId: input.paperId }));
			if (!paper) throw notFound();
			if (!input.publish) {
				await db.run((tx) =>
					repo.setPaperPublication(tx, { boardId: board.id, paperId: paper.id, versionId: null, userId: actor.userId })
				);
				return;
			}
			const state = await hub.getState(paper.id);
			const name = translate(locale, 'papers.publication.versionName', { date: formatDate(new Date(), locale) });
			await db.run(async (tx) => {
				const version = await insertVersionOnce(tx, {
					paperId: paper.id,
					name,
					state,
					createdBy: actor.userId,
					formToken: input.formToken
				});
				const saved = await repo.setPaperPublication(tx, {
					boardId: board.id,
					paperId: paper.id,
					versionId: version.id,
					userId: actor.userId
				});
				if (!saved) throw forbidden();
			});
		},

		/** The person's own "list me publicly" setting (every signed-in person decides for themselves). */
		listed: (): Promise<boolean> => db.run(repo.listedPublicly),
		setListed: (listed: boolean): Promise<void> => db.run((tx) => repo.setListedPublicly(tx, listed))
	};
}

export type PublicationService = ReturnType<typeof createPublicationService>;
