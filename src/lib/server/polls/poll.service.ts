import { refuseUsedToken } from '../db/form-token';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden, notFound } from '../errors';
import type { Mailer } from '../mail/port';
import { scheduledMail } from '../mail/meeting-templates';
import { allowed, type BoardContext } from '../boards/policy';
import * as meetings from '../meetings/meeting.repository';
import { isOffice } from '../meetings/meeting.service';
import { mailEach, mailMeeting, meetingLink } from '../meetings/meeting-mail';
import { quorum } from '../meetings/quorum';
import * as repo from './poll.repository';
import type { AnswersInput, PollInput } from './poll.schema';
import { notifyPollInvitation } from './poll-notify';
import { meetingTitleFromPoll } from './poll-title';

export interface PollServiceDeps {
	db: ScopedDb;
	mailer: Mailer;
	origin: string;
	actor: { userId: string };
	/** Injected so tests can move time; defaults to the clock. */
	now?: () => Date;
}

async function pollOr404(tx: Tx, board: BoardContext, pollId: string, forUpdate = false): Promise<repo.PollRow> {
	const poll = await repo.findPoll(tx, { boardId: board.id, pollId, forUpdate });
	if (!poll) throw notFound();
	return poll;
}

const isFullMember = (board: BoardContext) => allowed(board, 'polls.use');

export function createPollService(deps: PollServiceDeps) {
	const { db, mailer, origin, actor } = deps;
	const now = deps.now ?? (() => new Date());
	const requireMember = (board: BoardContext) => {
		if (!isFullMember(board)) throw forbidden();
	};

	function checkCreate(input: PollInput, people: meetings.BoardPerson[]) {
		const current = now().getTime();
		if (input.slots.some((slot) => slot.getTime() <= current)) throw new ServiceError(400, 'polls.error.slotInPast');
		if (new Set(input.slots.map((slot) => slot.getTime())).size !== input.slots.length)
			throw new ServiceError(400, 'polls.error.duplicateSlot');
		if (input.deadline.getTime() <= current) throw new ServiceError(400, 'polls.error.deadlineInPast');
		const members = new Set(people.map((p) => p.userId));
		if (input.participants.some((id) => !members.has(id)))
			throw new ServiceError(400, 'polls.error.unknownParticipant');
	}

	return {
		async list(board: BoardContext) {
			requireMember(board);
			return db.run(async (tx) => ({
				polls: await repo.listPolls(tx, board.id),
				canManage: isOffice(board),
				people: isOffice(board) ? await meetings.listBoardPeople(tx, board.id) : [],
				plannedMeetings: isOffice(board) ? await repo.listPlannedMeetings(tx, board.id) : []
			}));
		},

		/**
		 * A new poll with its slots and participants; the same form token again returns that poll. The
		 * people asked are told (in-app, and by mail to those who want it now) once per poll.
		 */
		async create(board: BoardContext, input: PollInput): Promise<string> {
			if (!isOffice(board)) throw forbidden();
			const created = await db.run(async (tx) => {
				checkCreate(input, await meetings.listBoardPeople(tx, board.id));
				if (input.meetingId) {
					const meeting = await meetings.findMeeting(tx, { boardId: board.id, meetingId: input.meetingId });
					if (!meeting || meeting.status !== 'planned') throw new ServiceError(400, 'polls.error.meetingNotPlanned');
				}
				const poll = await repo.insertPoll(tx, { boardId: board.id, ...input });
				if (!poll.created) return { pollId: poll.id, people: [] };
				const pollId = poll.id;
				await repo.insertSlots(tx, { pollId, boardId: board.id, slots: input.slots });
				await repo.insertParticipants(tx, { pollId, boardId: board.id, userIds: [...new Set(input.participants)] });
				return { pollId, people: await repo.listParticipants(tx, { pollId, boardId: board.id }) };
			});
			await notifyPollInvitation({
				mailer,
				run: db.run,
				origin,
				board,
				poll: { id: created.pollId, title: input.title, deadline: input.deadline, slots: input.slots },
				people: created.people
			});
			return created.pollId;
		},

		/** The grid: slots with counts and quorum, participants, the answers the caller may see. */
		async get(board: BoardContext, pollId: string) {
			requireMember(board);
			return db.run(async (tx) => {
				const poll = await pollOr404(tx, board, pollId);
				const { quorumRule } = await meetings.boardSettings(tx, board.id);
				const voting = await repo.countVotingMembers(tx, board.id);
				const participants = await repo.listParticipants(tx, { pollId, boardId: board.id });
				const slots = (await repo.slotTallies(tx, pollId)).map((slot) => ({
					...slot,
					quorum: quorum(quorumRule, slot.votingAvailable, voting)
				}));
				const open = poll.status === 'open' && poll.deadline.getTime() > now().getTime();
				const asked = participants.some((p) => p.userId === actor.userId);
				return {
					poll,
					slots,
					participants: participants.map(({ userId, displayName, role }) => ({ userId, displayName, role })),
					answers: await repo.listAnswers(tx, pollId),
					quorumRule,
					asked,
					canAnswer: open && asked,
					canManage: isOffice(board)
				};
			});
		},

		/** Saves the caller's answers; allowed until the deadline and while the poll is open. */
		async answer(board: BoardContext, pollId: string, answers: AnswersInput) {
			requireMember(board);
			await db.run(async (tx) => {
				const poll = await pollOr404(tx, board, pollId);
				if (poll.status !== 'open' || poll.deadline.getTime() <= now().getTime())
					throw new ServiceError(409, 'polls.error.closed');
				const participants = await repo.listParticipants(tx, { pollId, boardId: board.id });
				if (!participants.some((p) => p.userId === actor.userId)) throw new ServiceError(403, 'polls.error.notAsked');
				const slotIds = new Set((await repo.slotTallies(tx, pollId)).map((slot) => slot.id));
				if (answers.some((a) => !slotIds.has(a.slotId))) throw new ServiceError(400, 'polls.error.unknownSlot');
				await repo.upsertAnswers(tx, { pollId, boardId: board.id, answers });
			});
		},

		/**
		 * Office picks a slot: the poll's meeting gets that time (or a new planned meeting is created), the
		 * poll closes, and everyone asked gets one mail. The same form token again (a double click, a resent
		 * form, also on another slot of the same page) lands on the meeting the first request chose, without
		 * a second mail; a pick from another form (second tab) finds the poll closed and is refused.
		 */
		async schedule(board: BoardContext, pollId: string, slotId: string, formToken?: string | null): Promise<string> {
			if (!isOffice(board)) throw forbidden();
			const result = await db
				.run(async (tx) => {
					// The poll's row lock makes a twin wait; it then sees the closed poll and the token.
					const poll = await pollOr404(tx, board, pollId, true);
					if (
						poll.status !== 'open' &&
						formToken &&
						poll.meetingId &&
						(await repo.scheduleFormToken(tx, pollId)) === formToken
					) {
						return { repeat: true as const, meetingId: poll.meetingId };
					}
					if (poll.status !== 'open') throw new ServiceError(409, 'polls.error.alreadyScheduled');
					const slot = (await repo.slotTallies(tx, pollId)).find((s) => s.id === slotId);
					if (!slot) throw new ServiceError(400, 'polls.error.unknownSlot');
					const startsAt = slot.startsAt;
					const endsAt = new Date(startsAt.getTime() + poll.durationMinutes * 60_000);
					const meetingId = await scheduleMeeting(tx, board, poll, { startsAt, endsAt });
					await repo.closePoll(tx, { pollId, slotId, meetingId, formToken });
					const meeting = (await meetings.findMeeting(tx, { boardId: board.id, meetingId }))!;
					return {
						repeat: false as const,
						meeting,
						poll,
						participants: await repo.listParticipants(tx, { pollId, boardId: board.id })
					};
				})
				.catch(refuseUsedToken);
			if (result.repeat) return result.meetingId;
			const link = meetingLink(origin, board.slug, result.meeting.id);
			await mailEach({
				mailer,
				people: result.participants.filter((p) => p.email && p.role).map((p) => ({ ...p, role: p.role! })),
				boardId: board.id,
				kind: 'poll-scheduled',
				compose: (person) =>
					scheduledMail({
						locale: person.locale,
						boardName: board.name,
						meeting: mailMeeting(result.meeting, link),
						pollTitle: result.poll.title
					})
			});
			return result.meeting.id;
		}
	};
}

/** The poll's planned meeting moves to the slot, or a planned meeting is created for it. */
async function scheduleMeeting(
	tx: Tx,
	board: BoardContext,
	poll: repo.PollRow,
	time: { startsAt: Date; endsAt: Date }
): Promise<string> {
	const existing = poll.meetingId
		? await meetings.findMeeting(tx, { boardId: board.id, meetingId: poll.meetingId, forUpdate: true })
		: null;
	if (existing && existing.status !== 'cancelled') {
		await meetings.updateMeeting(tx, { ...existing, ...time, meetingId: existing.id, bumpSequence: true });
		return existing.id;
	}
	return meetings.insertMeeting(tx, {
		boardId: board.id,
		title: meetingTitleFromPoll(poll.title),
		description: '',
		location: null,
		onlineUrl: null,
		status: 'planned',
		...time
	});
}

export type PollService = ReturnType<typeof createPollService>;
