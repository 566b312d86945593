import type { JSONContent } from '@tiptap/core';
import type { CollabHub } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError } from '../errors';
import type { Action, BoardContext } from '../boards/policy';
import { translate } from '$lib/i18n';
import { stateToJSON } from '../documents/paper-document';
import { canonicalText, decisionTexts, publicCopy, sha256 } from './minutes-document';
import * as repo from './minutes.repository';

export interface DecisionFromMinutes {
	boardId: string;
	meetingId: string;
	minutesId: string;
	paperId: string;
	itemId: string;
	title: string;
	text: string;
	isPublic: boolean;
	sourceId: string;
}

/** The decision log as the minutes see it (implemented by the decisions area). */
export interface DecisionSink {
	/** Whether the item's decision was already recorded by a meeting vote (source 'meeting', sourceId = item id). */
	recordedByVote(tx: Tx, itemId: string): Promise<boolean>;
	/**
	 * Appends once per sourceId (`${minutesId}:${itemId}`, source 'minutes'): a new entry, or a revision of the
	 * entry a meeting vote recorded for the item, whose resolution becomes the minutes' text.
	 */
	append(tx: Tx, input: DecisionFromMinutes): Promise<void>;
}

interface ApprovalDeps {
	db: ScopedDb;
	hub: CollabHub;
	decisions?: DecisionSink;
	requireAction(board: BoardContext, action: Action): void;
	minutesFor(tx: Tx, board: BoardContext, minutesId: string): Promise<repo.MinutesRow>;
}

const DECISION_LABELS = [translate('de', 'minutes.doc.decision'), translate('en', 'minutes.doc.decision')];

export interface ApprovalOptions {
	/** The approval item of a later meeting whose adopted decision approves the minutes (office path). */
	byMeetingItem?: string | null;
	/** The approver confirmed approving although a decision item has no decision text (nothing is logged for it). */
	withoutDecisionText?: boolean;
	/** The approver confirmed approving although comment threads on the text are still open. */
	withOpenThreads?: boolean;
}

/** Approval freezes the text: open comment threads would never be answered in it, so the approver confirms first. */
async function requireThreadsSettled(tx: Tx, paperId: string) {
	const open = await repo.openThreadCount(tx, paperId);
	if (open > 0) throw new ServiceError(409, 'minutes.error.openThreads', { count: open });
}

/** Who may approve, and whether these minutes are at a step where approval is possible. */
async function approvable(
	deps: ApprovalDeps,
	tx: Tx,
	board: BoardContext,
	minutesId: string,
	byMeetingItem: string | null
) {
	deps.requireAction(board, byMeetingItem ? 'minutes.approveByMeeting' : 'minutes.approve');
	const minutes = await deps.minutesFor(tx, board, minutesId);
	if (!minutes.frozenAt && minutes.status !== 'review') throw new ServiceError(409, 'minutes.error.status');
	if (
		byMeetingItem &&
		!(await repo.approvedByLaterMeeting(tx, { boardId: board.id, meetingId: minutes.meetingId, itemId: byMeetingItem }))
	)
		throw new ServiceError(409, 'minutes.error.noBoardDecision');
	return minutes;
}

/**
 * Refuses approval while a decision item has no text under its decision heading and no meeting vote
 * recorded its decision: approving would drop that decision from the log without anyone noticing.
 */
async function requireDecisionTexts(
	tx: Tx,
	sink: DecisionSink | undefined,
	input: { minutesId: string; json: JSONContent }
) {
	const texts = decisionTexts(input.json, DECISION_LABELS);
	const missing: string[] = [];
	for (const section of await repo.listSections(tx, input.minutesId)) {
		if (!section.isDecision || !section.itemId || texts.has(section.number)) continue;
		if (sink && (await sink.recordedByVote(tx, section.itemId))) continue;
		missing.push(section.number);
	}
	if (missing.length)
		throw new ServiceError(
			409,
			missing.length === 1 ? 'minutes.error.noDecisionText' : 'minutes.error.noDecisionTexts',
			{ items: missing.join(', ') }
		);
}

/**
 * Approval in steps: the current text is checked for missing decision texts (nothing is frozen when it
 * is refused), then the paper is frozen (its access turns 'view', open editors are closed), then the
 * state read afterwards is stored as the final text. A retry repeats only what is missing.
 */
export async function approveMinutes(
	deps: ApprovalDeps,
	board: BoardContext,
	minutesId: string,
	options: ApprovalOptions = {}
) {
	const { db, hub } = deps;
	const byMeetingItem = options.byMeetingItem ?? null;
	const confirmed = options.withoutDecisionText === true;
	const checked = await db.run((tx) => approvable(deps, tx, board, minutesId, byMeetingItem));
	if (!checked.frozenAt && options.withOpenThreads !== true)
		await db.run((tx) => requireThreadsSettled(tx, checked.paperId));
	if (!checked.finalSha256 && !confirmed) {
		const json = stateToJSON(await hub.getState(checked.paperId));
		await db.run((tx) => requireDecisionTexts(tx, deps.decisions, { minutesId: checked.id, json }));
	}
	const minutes = await db.run(async (tx) => {
		const minutes = await approvable(deps, tx, board, minutesId, byMeetingItem);
		await repo.freeze(tx, minutes.id);
		return minutes;
	});
	hub.accessChanged({ paperId: minutes.paperId });
	const state = minutes.finalSha256 ? null : await hub.getState(minutes.paperId);
	return db.run(async (tx) => {
		let final = await repo.findFinal(tx, minutes.id);
		if (!final && state) {
			const json = stateToJSON(state);
			// An edit between the check and the freeze may have removed a decision text: still never silent.
			if (!confirmed) await requireDecisionTexts(tx, deps.decisions, { minutesId: minutes.id, json });
			const text = canonicalText(json);
			final = { json, text, sha256: sha256(text) };
			await repo.storeFinal(tx, { minutesId: minutes.id, state, ...final });
		}
		if (!final) throw new ServiceError(409, 'minutes.error.status');
		const sections = await repo.listSections(tx, minutes.id);
		const publicNumbers = new Set(sections.filter((s) => s.isPublic).map((s) => s.number));
		await repo.insertPublicCopy(tx, {
			minutesId: minutes.id,
			boardId: board.id,
			meetingId: minutes.meetingId,
			content: publicCopy(final.json, publicNumbers)
		});
		await appendDecisions(tx, deps.decisions, { minutes, sections, json: final.json });
		return { sha256: final.sha256 };
	});
}

async function appendDecisions(
	tx: Tx,
	sink: DecisionSink | undefined,
	input: { minutes: repo.MinutesRow; sections: repo.SectionRow[]; json: Parameters<typeof decisionTexts>[0] }
) {
	const texts = decisionTexts(input.json, DECISION_LABELS);
	for (const section of input.sections) {
		const text = texts.get(section.number);
		// Also for an item whose result a meeting vote recorded: the database makes the text a revision of that entry.
		if (!section.isDecision || !section.itemId || !text) continue;
		const { minutes } = input;
		const added = await repo.insertMinutesDecision(tx, {
			minutesId: minutes.id,
			boardId: minutes.boardId,
			itemId: section.itemId,
			text
		});
		if (added && sink)
			await sink.append(tx, {
				boardId: minutes.boardId,
				meetingId: minutes.meetingId,
				minutesId: minutes.id,
				paperId: minutes.paperId,
				itemId: section.itemId,
				isPublic: section.isPublic,
				title: `${section.number}: ${section.title}`,
				text,
				sourceId: `${minutes.id}:${section.itemId}`
			});
	}
}
