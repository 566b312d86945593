// Meeting mode (#19): the rules of the live meeting. Every change commits first and is then published
// on the live channel as the new picture ('state'), one copy for full members and a public cut for guests.
import type { Tx } from '../db/types';
import type { ScopedDb } from '../db/scoped';
import { allowed, isFullRole, type BoardContext } from '../boards/policy';
import { ServiceError, forbidden } from '../errors';
import { meetingOr404 } from '../meetings/meeting.service';
import { listBoardPeople, listMeetingGuests } from '../meetings/meeting.repository';
import type { MeetingPublisher } from './live-process';
import * as repo from './live.repository';
import { publicState, readLiveState, readStateFor } from './live-state';
import type { CheckinMode, LivePage, LiveState } from '$lib/types/live.types';
import type { AgendaPanelData } from '$lib/types/agenda.types';

export interface LiveServiceDeps {
	/** The requester's RLS-scoped database. */
	db: ScopedDb;
	actor: { userId: string };
	/** Called after each committed change (publishMeetingEvent in the app). */
	publish: MeetingPublisher;
	/** The agenda area's panel, read in the page's transaction (numbers, time plan, papers, files). */
	agenda?: { panelIn(tx: Tx, ref: { boardId: string; meetingId: string }): Promise<AgendaPanelData> };
}

const canRun = (board: BoardContext) => allowed(board, 'meetings.run');
const isOffice = (board: BoardContext) => allowed(board, 'meetings.manage');

export function createLiveService(deps: LiveServiceDeps) {
	const { db, actor } = deps;

	/** Reads the new picture after the commit and publishes it (one read serves every listener). */
	async function announce(board: BoardContext, meetingId: string): Promise<LiveState> {
		const { state, items } = await db.run(async (tx) => ({
			state: await readLiveState(tx, { boardId: board.id, meetingId }),
			items: await repo.listItemFlags(tx, meetingId)
		}));
		const publicItems = new Set(items.filter((i) => i.isPublic).map((i) => i.id));
		deps.publish(meetingId, { kind: 'state', full: state, public: publicState(state, publicItems) });
		return state;
	}

	/** One change: the meeting checked under RLS, the work, then (if it changed anything) the announcement. */
	async function change(
		board: BoardContext,
		meetingId: string,
		work: (tx: Tx) => Promise<boolean | void>
	): Promise<void> {
		const changed = await db.run(async (tx) => {
			const meeting = await meetingOr404(tx, board, meetingId);
			if (meeting.status === 'cancelled') throw new ServiceError(409, 'meetings.error.cancelled');
			return work(tx);
		});
		if (changed !== false) await announce(board, meetingId);
	}

	async function running(tx: Tx, meetingId: string, forUpdate = false) {
		const live = await repo.findLive(tx, meetingId, forUpdate);
		if (!live || live.endedAt) throw new ServiceError(409, 'live.error.notRunning');
		return live;
	}

	async function itemOf(tx: Tx, meetingId: string, itemId: string) {
		const items = await repo.listItemFlags(tx, meetingId);
		if (!items.some((i) => i.id === itemId)) throw new ServiceError(404, 'error.notFound');
	}

	const log = (
		tx: Tx,
		board: BoardContext,
		meetingId: string,
		entry: Omit<Parameters<typeof repo.appendLog>[1], 'meetingId' | 'boardId'>
	) => repo.appendLog(tx, { meetingId, boardId: board.id, ...entry });

	return {
		canRun,

		/** The page's picture for the reader (guests: the public cut under their own RLS). */
		state: (board: BoardContext, meetingId: string): Promise<LiveState> =>
			db.run(async (tx) => {
				await meetingOr404(tx, board, meetingId);
				return readStateFor(tx, { boardId: board.id, meetingId, full: isFullRole(board.role) });
			}),

		/** The live page in one transaction: meeting, agenda, picture, permissions. */
		page: (board: BoardContext, meetingId: string): Promise<LivePage> =>
			db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				const panel = await deps.agenda?.panelIn(tx, { boardId: board.id, meetingId });
				return {
					meeting: {
						id: meeting.id,
						title: meeting.title,
						startsAt: new Date(meeting.startsAt).toISOString(),
						endsAt: new Date(meeting.endsAt).toISOString(),
						location: meeting.location,
						onlineUrl: meeting.onlineUrl
					},
					items: (panel?.items ?? []).map((item) => ({
						id: item.id,
						number: item.number,
						title: item.title,
						isPublic: item.isPublic,
						isSubItem: item.isSubItem,
						kind: item.kind,
						plannedStart: new Date(item.startsAt).toISOString(),
						plannedEnd: new Date(item.endsAt).toISOString(),
						papers: item.papers.map(({ paperId, title }) => ({ paperId, title })),
						files: item.files.map(({ id, name }) => ({ id, name }))
					})),
					state: await readStateFor(tx, { boardId: board.id, meetingId, full: isFullRole(board.role) }),
					me: {
						userId: actor.userId,
						canRun: canRun(board),
						canAttend: allowed(board, 'meetings.attend'),
						isOffice: isOffice(board)
					}
				};
			}),

		/** Starts meeting mode (or reopens it); starting a running meeting changes nothing. */
		start: async (board: BoardContext, meetingId: string) => {
			if (!canRun(board)) throw forbidden();
			return change(board, meetingId, async (tx) => {
				const started = await repo.startLive(tx, { meetingId, boardId: board.id });
				if (started) await log(tx, board, meetingId, { kind: 'started' });
				return started;
			});
		},

		/** Ends meeting mode: the current item and turn end with it. */
		end: async (board: BoardContext, meetingId: string) => {
			if (!canRun(board)) throw forbidden();
			return change(board, meetingId, async (tx) => {
				const live = await repo.findLive(tx, meetingId, true);
				if (!live || live.endedAt) return false;
				if (live.currentItemId) {
					await repo.endTurns(tx, live.currentItemId);
					await log(tx, board, meetingId, { kind: 'item_ended', itemId: live.currentItemId });
				}
				await repo.updateLive(tx, meetingId, { endedAt: 'now', currentItemId: null });
				await log(tx, board, meetingId, { kind: 'ended' });
			});
		},

		/** Moves to an item (null: between items); moving to the current item changes nothing. */
		setItem: async (board: BoardContext, meetingId: string, itemId: string | null) => {
			if (!canRun(board)) throw forbidden();
			return change(board, meetingId, async (tx) => {
				const live = await running(tx, meetingId, true);
				if (live.currentItemId === itemId) return false;
				if (itemId) await itemOf(tx, meetingId, itemId);
				if (live.currentItemId) {
					await repo.endTurns(tx, live.currentItemId);
					await log(tx, board, meetingId, { kind: 'item_ended', itemId: live.currentItemId });
				}
				await repo.updateLive(tx, meetingId, { currentItemId: itemId });
				if (itemId) await log(tx, board, meetingId, { kind: 'item_started', itemId });
			});
		},

		setSpeakingTime: async (board: BoardContext, meetingId: string, seconds: number) => {
			if (!canRun(board)) throw forbidden();
			return change(board, meetingId, async (tx) => {
				const live = await running(tx, meetingId, true);
				if (live.speakingSeconds === seconds) return false;
				await repo.updateLive(tx, meetingId, { speakingSeconds: seconds });
			});
		},

		/** Checks the caller (or, for the office, anyone expected) in; the same check-in twice changes nothing. */
		checkIn: async (board: BoardContext, meetingId: string, input: { userId?: string; mode: CheckinMode }) => {
			const userId = input.userId ?? actor.userId;
			if (userId === actor.userId ? !allowed(board, 'meetings.attend') && !isOffice(board) : !isOffice(board))
				throw forbidden();
			return change(board, meetingId, async (tx) => {
				await running(tx, meetingId);
				await expected(tx, board, meetingId, userId);
				const result = await repo.checkIn(tx, { meetingId, boardId: board.id, userId, mode: input.mode });
				if (result === null) return false;
				await log(tx, board, meetingId, { kind: 'arrived', userId, detail: input.mode });
			});
		},

		/** Records a departure (the caller's own, or anyone's by the office). */
		checkOut: async (board: BoardContext, meetingId: string, input: { userId?: string }) => {
			const userId = input.userId ?? actor.userId;
			if (userId === actor.userId ? !allowed(board, 'meetings.attend') && !isOffice(board) : !isOffice(board))
				throw forbidden();
			return change(board, meetingId, async (tx) => {
				await running(tx, meetingId);
				if (!(await repo.checkOut(tx, { meetingId, userId }))) return false;
				await log(tx, board, meetingId, { kind: 'left', userId });
			});
		},

		/** Asks for the floor on the current item (chair/office: for someone else); twice is once. */
		raiseHand: async (board: BoardContext, meetingId: string, input: { userId?: string } = {}) => {
			const userId = input.userId ?? actor.userId;
			if (userId === actor.userId ? !allowed(board, 'meetings.attend') : !canRun(board)) throw forbidden();
			return change(board, meetingId, async (tx) => {
				const live = await running(tx, meetingId);
				if (!live.currentItemId) throw new ServiceError(409, 'live.error.noItem');
				await expected(tx, board, meetingId, userId);
				return repo.addSpeaker(tx, { meetingId, boardId: board.id, itemId: live.currentItemId, userId });
			});
		},

		/** A turn: withdraw (own hand, or the chair), start, end, or move up/down (the chair). */
		turn: (
			board: BoardContext,
			meetingId: string,
			input: { speakerId: string; step: 'withdraw' | 'start' | 'end' | 'up' | 'down' }
		) =>
			change(board, meetingId, async (tx) => {
				const speaker = await repo.findSpeaker(tx, meetingId, input.speakerId);
				if (!speaker) throw new ServiceError(404, 'error.notFound');
				const own = speaker.userId === actor.userId;
				if (!(canRun(board) || (own && input.step === 'withdraw'))) throw forbidden();
				await running(tx, meetingId);
				if (input.step === 'withdraw') {
					if (speaker.state !== 'waiting') return false;
					await repo.setSpeakerState(tx, speaker.id, 'withdrawn');
				} else if (input.step === 'start') {
					if (speaker.state !== 'waiting') return false;
					await repo.endTurns(tx, speaker.itemId);
					await repo.setSpeakerState(tx, speaker.id, 'speaking');
				} else if (input.step === 'end') {
					if (speaker.state !== 'speaking') return false;
					await repo.setSpeakerState(tx, speaker.id, 'done');
				} else {
					if (speaker.state !== 'waiting') return false;
					await repo.moveSpeaker(tx, speaker, input.step === 'up' ? -1 : 1);
				}
			}),

		/** Publishes the current picture again (tests, a node that restarted). */
		announce
	};
}

/** Only the board's expected people (not the office, guests of this meeting) check in or speak. */
async function expected(tx: Tx, board: BoardContext, meetingId: string, userId: string) {
	const people = [
		...(await listBoardPeople(tx, board.id)).filter((p) => p.role !== 'office'),
		...(await listMeetingGuests(tx, { boardId: board.id, meetingId }))
	];
	if (!people.some((p) => p.userId === userId)) throw new ServiceError(400, 'meetings.error.unknownPerson');
}

export type LiveService = ReturnType<typeof createLiveService>;
