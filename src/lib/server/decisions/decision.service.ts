import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import { can, type BoardContext } from '../boards/policy';
import {
	appendDecision,
	appendRevision,
	chainEntries,
	findEntries,
	listCurrent,
	numberOfFormToken,
	type DecisionFilter
} from './decision.repository';
import { verifyChain, type ChainVerdict } from './decision-verify';
import type { AmendInput, RecordInput, StatusInput } from './decision.schema';
import type { DecisionEntry, VoteResult } from '$lib/types/decision.types';
import { decisionsCsv } from './decision-csv';
import { listMeetingOptions, minutesOfPapers, taskProgress } from './decision-links.repository';
import { outcomeMisfit } from './decision-outcome';
import { applyDecisionMeasure, checkDecisionMeasure } from '../strategy/strategy-decision';
import type { DecisionMeasureInput } from '../strategy/strategy.schema';

export interface DecisionServiceDeps {
	db: ScopedDb;
	actor: { userId: string; isAdmin: boolean };
}

function voteOf(input: RecordInput): VoteResult {
	if (input.outcome === 'unanimous') return { unanimous: true };
	if (input.outcome === 'consensus') return { consensus: true };
	return { yes: input.yes ?? 0, no: input.no ?? 0, abstain: input.abstain ?? 0 };
}

export function createDecisionService({ db, actor }: DecisionServiceDeps) {
	const canRecord = (board: BoardContext) => can(actor, 'decisions.record', board);
	const mayVerify = (board: BoardContext) => can(actor, 'decisions.verify', board);
	const mayRead = (board: BoardContext) => can(actor, 'board.visit', board);

	function requireRecorder(board: BoardContext) {
		if (!canRecord(board)) throw forbidden();
	}

	async function current(tx: Parameters<Parameters<ScopedDb['run']>[0]>[0], board: BoardContext, number: string) {
		const history = await findEntries(tx, board.id, number);
		const latest = history.at(-1);
		if (!latest) throw notFound();
		return { history, latest };
	}

	return {
		async list(board: BoardContext, filter: DecisionFilter) {
			if (!mayRead(board)) throw forbidden();
			return db.run(async (tx) => ({
				decisions: await listCurrent(tx, board.id, filter),
				meetings: await listMeetingOptions(tx, board.id),
				canRecord: canRecord(board),
				canVerify: mayVerify(board)
			}));
		},

		async get(board: BoardContext, number: string) {
			if (!mayRead(board)) throw forbidden();
			return db.run(async (tx) => {
				const { history, latest } = await current(tx, board, number);
				const minutes = await minutesOfPapers(tx, latest.paperIds);
				return {
					decision: latest,
					history,
					minutes,
					progress: await taskProgress(tx, board.id, number),
					canRecord: canRecord(board)
				};
			});
		},

		/**
		 * Manual record by office/chair; a superseded decision gets its own "superseded" entry in the same
		 * transaction, and so does the measure of the strategy map it starts or changes (`measure`, #16).
		 */
		async record(board: BoardContext, input: RecordInput, measure?: DecisionMeasureInput): Promise<{ number: string }> {
			requireRecorder(board);
			const misfit = outcomeMisfit(input);
			if (misfit) throw new ServiceError(400, misfit);
			if (measure) checkDecisionMeasure(board, measure);
			return db.run(async (tx) => {
				// The same form again (double click, resent POST): the decision it recorded, nothing appended.
				const before = await numberOfFormToken(tx, board.id, input.formToken);
				if (before) return { number: before };
				const old = input.supersedes ? await current(tx, board, input.supersedes) : null;
				if (old && old.latest.status === 'superseded') throw new ServiceError(409, 'decisions.error.alreadySuperseded');
				const created = await appendDecision(tx, {
					boardId: board.id,
					title: input.title,
					resolution: input.resolution,
					meetingId: input.meetingId,
					kind: input.kind,
					voteResult: voteOf(input),
					status: input.status,
					responsible: input.responsible,
					dueDate: input.dueDate,
					source: 'manual',
					isPublic: input.isPublic,
					supersedes: input.supersedes,
					formToken: input.formToken
				});
				if (old && created.created)
					await appendRevision(tx, old.latest, {
						change: 'superseded',
						status: 'superseded',
						supersededBy: created.number
					});
				if (measure && created.created) await applyDecisionMeasure(tx, { ...measure, board, number: created.number });
				return { number: created.number };
			});
		},

		async changeStatus(board: BoardContext, number: string, input: StatusInput) {
			requireRecorder(board);
			await db.run(async (tx) => {
				const { latest } = await current(tx, board, number);
				if (latest.status === 'superseded') throw new ServiceError(409, 'decisions.error.alreadySuperseded');
				await appendRevision(tx, latest, {
					change: 'status',
					status: input.status,
					responsible: input.responsible ?? latest.responsible,
					dueDate: input.dueDate ?? latest.dueDate
				});
			});
		},

		async amend(board: BoardContext, number: string, input: AmendInput) {
			requireRecorder(board);
			await db.run(async (tx) => {
				const { latest } = await current(tx, board, number);
				await appendRevision(tx, latest, { change: 'amended', title: input.title, resolution: input.resolution });
			});
		},

		/** Office, chair and platform admins see every entry under RLS, so the chain is complete for them. */
		async verify(board: BoardContext): Promise<ChainVerdict> {
			if (!mayVerify(board)) throw forbidden();
			return db.run(async (tx) => verifyChain(await chainEntries(tx, board.id)));
		},

		async csv(
			board: BoardContext,
			filter: DecisionFilter,
			labels: (entry: DecisionEntry) => string[],
			header: string[]
		) {
			const { decisions } = await this.list(board, filter);
			return decisionsCsv(header, decisions.map(labels));
		}
	};
}

export type DecisionService = ReturnType<typeof createDecisionService>;
