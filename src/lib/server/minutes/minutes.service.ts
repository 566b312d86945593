import { translate, type Locale } from '$lib/i18n';
import { formatDate } from '$lib/format';
import type { CollabHub } from '../collab/hub';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import type { Mailer } from '../mail/port';
import { minutesReviewMail } from '../mail/minutes-templates';
import { createNotifier } from '../notifications/notifier';
import { allowed, type Action, type BoardContext } from '../boards/policy';
import { insertPaper, upsertAccess } from '../papers/paper.repository';
import { changesState, documentSchema, jsonToState, stateToJSON, updateTowards } from '../documents/paper-document';
import { fromBerlinLocal } from '../calendar/berlin-local';
import { buildMinutesDocument, numberItems, type MinutesLabels } from './minutes-document';
import { approveMinutes, type DecisionSink } from './minutes-approval';
import * as repo from './minutes.repository';
import { lockFormToken, refuseUsedToken } from '../db/form-token';
import { resultLine } from './minutes-result';
import { isUuid } from '../common.schema';
import * as live from '../live/live.repository';
import { listBoardPeople, listMeetingGuests } from '../meetings/meeting.repository';
import { applyMeetingRecord, assembleMeetingRecord, recordBlocks, type MeetingRecord } from './minutes-live';

export interface MinutesServiceDeps {
	db: ScopedDb;
	hub: CollabHub;
	mailer: Mailer;
	origin: string;
	/** Language the generated text is written in (the office's). */
	locale: Locale;
	actor: { userId: string; displayName: string };
	/** Appends a decision to the board's decision log (decisions area); optional until that exists. */
	decisions?: DecisionSink;
}

export function createMinutesService(deps: MinutesServiceDeps) {
	const { db, hub, actor, locale } = deps;

	function requireAction(board: BoardContext, action: Action) {
		if (!allowed(board, action)) throw forbidden();
	}

	async function minutesFor(tx: Tx, board: BoardContext, minutesId: string) {
		if (!isUuid(minutesId)) throw notFound();
		const minutes = await repo.findMinutes(tx, { boardId: board.id, minutesId });
		if (!minutes) throw notFound();
		return minutes;
	}

	function labels(meeting: repo.MeetingFacts, amendment: boolean): MinutesLabels {
		const m = (key: Parameters<typeof translate>[1], params = {}) => translate(locale, key, params);
		return {
			title: m(amendment ? 'minutes.doc.amendmentTitle' : 'minutes.doc.title', { meeting: meeting.title }),
			date: m('minutes.doc.date', { date: formatDate(meeting.startsAt, locale) }),
			attendance: m('minutes.doc.attendance'),
			present: m('minutes.doc.present'),
			absent: m('minutes.doc.absent'),
			nobody: m('minutes.doc.nobody'),
			presenter: m('minutes.doc.presenter'),
			notes: m('minutes.doc.notes'),
			decision: m('minutes.doc.decision')
		};
	}

	/** The log's current result of each decision, worded as in the minutes (none when it has no counts). */
	function withResults(rows: repo.MinutesDecisionRow[]) {
		return rows.map(({ voteResult, status, ...row }) => {
			const counted =
				voteResult && typeof voteResult.yes === 'number' && (status === 'adopted' || status === 'rejected');
			const result = counted
				? resultLine(locale, {
						yes: voteResult.yes ?? 0,
						no: voteResult.no ?? 0,
						abstain: voteResult.abstain ?? 0,
						status: status as 'adopted' | 'rejected'
					})
				: null;
			return { ...row, result };
		});
	}

	/** What meeting mode recorded (item times, attendance), or null when the meeting did not run in it. */
	async function meetingRecord(tx: Tx, boardId: string, meetingId: string): Promise<MeetingRecord | null> {
		if (!(await live.findLive(tx, meetingId))) return null;
		const log = await live.listLog(tx, meetingId);
		// Expected as in meeting mode: the board's people but the office, and the meeting's guests.
		const expected = [
			...(await listBoardPeople(tx, boardId)).filter((p) => p.role !== 'office'),
			...(await listMeetingGuests(tx, { boardId, meetingId }))
		].map((p) => ({ userId: p.userId, name: p.displayName }));
		const names = new Map([
			...log.filter((e) => e.userId && e.name).map((e) => [e.userId!, e.name!] as const),
			...expected.map((p) => [p.userId, p.name] as const)
		]);
		const checkins = (await live.listCheckins(tx, meetingId)).map((c) => ({
			userId: c.userId,
			name: names.get(c.userId) ?? '',
			mode: c.mode
		}));
		return assembleMeetingRecord({ log, expected, checkins });
	}

	/**
	 * Paper + minutes row + sections in one transaction; the text follows as the paper's first update.
	 * The same form token again (a double click, a resent form) returns the minutes it made, untouched.
	 */
	async function generate(
		board: BoardContext,
		meetingId: string,
		amendsId: string | null,
		formToken: string | null = null
	) {
		const created = await db
			.run(async (tx) => {
				requireAction(board, 'minutes.keep');
				// A twin of this form waits here until the first is written, then finds it.
				await lockFormToken(tx, formToken);
				const before = await repo.minutesOfFormToken(tx, formToken);
				if (before) {
					if (before.meetingId !== meetingId || before.amendsId !== amendsId)
						throw new ServiceError(409, 'form.error.tokenUsed');
					return { repeat: true, minutesId: before.id, paperId: before.paperId, doc: null };
				}
				const meeting = await repo.findMeeting(tx, { boardId: board.id, meetingId });
				if (!meeting) throw notFound();
				const existing = await repo.listMinutesOfMeeting(tx, meetingId);
				if (!amendsId && existing.some((m) => m.amendsId === null)) throw new ServiceError(409, 'minutes.error.exists');
				const items = numberItems(await repo.listAgendaItems(tx, meetingId));
				const attendance = await repo.listAttendanceNames(tx, meetingId);
				const recorded = await repo.listRecordedResults(tx, meetingId);
				const record = await meetingRecord(tx, board.id, meetingId);
				const built = buildMinutesDocument({
					results: new Map(recorded.map((r) => [r.itemId, resultLine(locale, r)])),
					labels: labels(meeting, amendsId !== null),
					present: attendance.filter((a) => a.present).map((a) => a.name),
					absent: attendance.filter((a) => !a.present).map((a) => a.name),
					items,
					attendanceFromMeetingMode: record !== null
				});
				// The same blocks the office's later take-over writes (one source of the text).
				const withRecord = record
					? applyMeetingRecord(
							built,
							recordBlocks(record, locale),
							new Map(items.map((item) => [item.number, item.id]))
						)
					: null;
				const doc = withRecord?.doc ?? built;
				const title = labels(meeting, amendsId !== null).title.slice(0, 200);
				// Members comment, the office (and the author) edit; chair and deputy get named edit access.
				const paper = await insertPaper(tx, {
					boardId: board.id,
					title,
					tags: [],
					visibility: 'board',
					boardAccess: 'comment'
				});
				for (const userId of await repo.listChairs(tx, board.id))
					await upsertAccess(tx, { paperId: paper.id, userId, access: 'edit' });
				const minutes = await repo.insertMinutes(tx, {
					boardId: board.id,
					meetingId,
					paperId: paper.id,
					amendsId,
					formToken
				});
				await repo.insertSections(tx, { minutesId: minutes.id, boardId: board.id, items });
				if (withRecord)
					await repo.saveRecordBlocks(tx, { minutesId: minutes.id, boardId: board.id, blocks: withRecord.written });
				return { repeat: false, minutesId: minutes.id, paperId: paper.id, doc };
			})
			.catch(refuseUsedToken);
		if (created.doc) await hub.applyUpdate(created.paperId, jsonToState(created.doc), actor.userId);
		return { minutesId: created.minutesId, paperId: created.paperId, created: !created.repeat };
	}

	return {
		/** Everything the minutes page shows for one meeting (full members only). */
		async overview(board: BoardContext, meetingId: string) {
			return db.run(async (tx) => {
				const meeting = await repo.findMeeting(tx, { boardId: board.id, meetingId });
				if (!meeting) throw notFound();
				const all = await repo.listMinutesOfMeeting(tx, meetingId);
				const entries = await Promise.all(
					all.map(async (m) => ({
						...m,
						sections: await repo.listSections(tx, m.id),
						decisions: withResults(await repo.listMinutesDecisions(tx, m.id)),
						openThreads: m.frozenAt ? 0 : await repo.openThreadCount(tx, m.paperId)
					}))
				);
				const publicCopies = await repo.findPublicCopy(tx, meetingId);
				const mode = await live.findLive(tx, meetingId);
				return {
					meeting,
					minutes: entries,
					/** Whether the meeting ran in meeting mode (the take-over is offered), and whether it still runs. */
					meetingMode: mode ? { running: mode.endedAt === null } : null,
					publicCopies,
					approvalItems: await repo.listLaterDecisionItems(tx, { boardId: board.id, meetingId }),
					canManage: allowed(board, 'minutes.keep'),
					canApprove: allowed(board, 'minutes.approve')
				};
			});
		},

		/** The meeting's minutes; `formToken` is the create form's one-time token. */
		create: (board: BoardContext, meetingId: string, formToken: string | null = null) =>
			generate(board, meetingId, null, formToken),

		/**
		 * Takes item times and attendance from meeting mode into existing minutes (the office, while not
		 * frozen): only the marked blocks change, and only those still as they were written (`kept` counts
		 * the ones people edited, left alone), through the collaboration hub like any edit, so people
		 * editing at the same time keep their text. Twice is once (an empty change is not sent).
		 */
		async takeOverMeetingRecord(board: BoardContext, minutesId: string) {
			const { minutes, record, numbers, written } = await db.run(async (tx) => {
				requireAction(board, 'minutes.keep');
				const minutes = await minutesFor(tx, board, minutesId);
				if (minutes.frozenAt) throw new ServiceError(409, 'minutes.error.frozen');
				const record = await meetingRecord(tx, board.id, minutes.meetingId);
				if (!record) throw new ServiceError(409, 'minutes.error.noLiveRecord');
				const sections = await repo.listSections(tx, minutes.id);
				const numbers = new Map(sections.flatMap((s) => (s.itemId ? [[s.number, s.itemId] as const] : [])));
				return { minutes, record, numbers, written: await repo.listRecordBlocks(tx, minutes.id) };
			});
			const state = await hub.getState(minutes.paperId);
			const target = applyMeetingRecord(stateToJSON(state), recordBlocks(record, locale), numbers, written);
			const update = updateTowards(state, documentSchema().nodeFromJSON(target.doc));
			const changed = changesState(state, update);
			if (changed) await hub.applyUpdate(minutes.paperId, update, actor.userId);
			await db.run((tx) =>
				repo.saveRecordBlocks(tx, { minutesId: minutes.id, boardId: board.id, blocks: target.written })
			);
			return { changed, kept: target.kept.length };
		},

		/** A correction of approved minutes: new minutes for the same meeting, pointing at the approved ones. */
		async amend(board: BoardContext, minutesId: string, formToken: string | null = null) {
			const original = await db.run((tx) => minutesFor(tx, board, minutesId));
			if (original.status !== 'approved' && original.status !== 'published')
				throw new ServiceError(409, 'minutes.error.notApproved');
			return generate(board, original.meetingId, original.id, formToken);
		},

		async sendToReview(board: BoardContext, input: { minutesId: string; reviewUntil: string }) {
			// The end of that day in Berlin, summer or winter time.
			const lastMinute = fromBerlinLocal(`${input.reviewUntil}T23:59`);
			const until = new Date((lastMinute?.getTime() ?? Number.NaN) + 59_000);
			if (Number.isNaN(until.getTime()) || until.getTime() < Date.now())
				throw new ServiceError(400, 'minutes.error.reviewUntil');
			const { minutes, meeting, reviewers } = await db.run(async (tx) => {
				requireAction(board, 'minutes.keep');
				const minutes = await minutesFor(tx, board, input.minutesId);
				if (minutes.frozenAt) throw new ServiceError(409, 'minutes.error.frozen');
				if (
					!(await repo.setStatus(tx, {
						minutesId: minutes.id,
						from: ['draft', 'review'],
						to: 'review',
						reviewUntil: until
					}))
				)
					throw new ServiceError(409, 'minutes.error.status');
				const meeting = (await repo.findMeeting(tx, { boardId: board.id, meetingId: minutes.meetingId }))!;
				return { minutes, meeting, reviewers: await repo.listReviewers(tx, board.id) };
			});
			const path = `/b/${board.slug}/papers/${minutes.paperId}`;
			// Each review round (its deadline) is one event: a repeated round with a new date is told again.
			await createNotifier({ mailer: deps.mailer, run: db.run }).notify({
				kind: 'minutes-review',
				boardId: board.id,
				event: `${minutes.id}:${until.toISOString()}`,
				path,
				params: { board: board.name, subject: meeting.title, date: input.reviewUntil },
				recipients: reviewers.map((person) => ({
					...person,
					locale: person.locale === 'en' ? ('en' as const) : ('de' as const)
				})),
				mail: (person) =>
					minutesReviewMail({
						locale: person.locale,
						recipientName: person.displayName,
						meetingTitle: meeting.title,
						until,
						link: `${deps.origin}${path}`
					})
			});
		},

		/**
		 * Chair or deputy approve: freezes the text, stores the final version and appends the decisions.
		 * Refused while a decision item has no decision text, unless `withoutDecisionText` confirms it.
		 */
		approve: (
			board: BoardContext,
			minutesId: string,
			options: { withoutDecisionText?: boolean; withOpenThreads?: boolean } = {}
		) => approveMinutes({ db, hub, decisions: deps.decisions, requireAction, minutesFor }, board, minutesId, options),

		/** Approval by the board's adopted decision on the approval item of a later meeting (recorded by a meeting vote). */
		approveByMeeting: async (
			board: BoardContext,
			input: { minutesId: string; itemId: string; withoutDecisionText?: boolean; withOpenThreads?: boolean }
		) => {
			if (!isUuid(input.itemId)) throw new ServiceError(400, 'minutes.error.noBoardDecision');
			return approveMinutes({ db, hub, decisions: deps.decisions, requireAction, minutesFor }, board, input.minutesId, {
				byMeetingItem: input.itemId,
				withoutDecisionText: input.withoutDecisionText,
				withOpenThreads: input.withOpenThreads
			});
		},

		async publish(board: BoardContext, minutesId: string) {
			await db.run(async (tx) => {
				requireAction(board, 'minutes.publish');
				const minutes = await minutesFor(tx, board, minutesId);
				if (!(await repo.setStatus(tx, { minutesId: minutes.id, from: ['approved'], to: 'published' })))
					throw new ServiceError(409, 'minutes.error.status');
			});
		},

		/** What a guest (or anyone who can see the meeting) may read: the public copies of published minutes. */
		async publicView(board: BoardContext, meetingId: string) {
			return db.run(async (tx) => {
				if (!isUuid(meetingId)) throw notFound();
				return repo.findPublicCopy(tx, meetingId);
			});
		}
	};
}

export type MinutesService = ReturnType<typeof createMinutesService>;
