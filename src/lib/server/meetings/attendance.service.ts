import type { BoardRole } from '$lib/roles';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden } from '../errors';
import { allowed, isVotingRole, type BoardContext } from '../boards/policy';
import * as repo from './meeting.repository';
import * as attendance from './attendance.repository';
import { isOffice, meetingOr404 } from './meeting.service';
import { quorum, type QuorumResult } from './quorum';
import type { RsvpInput } from './meeting.schema';

const OPEN_FOR_RSVP: readonly repo.MeetingStatus[] = ['planned', 'invited'];

export interface AttendeeRow {
	userId: string;
	displayName: string;
	role: BoardRole;
	voting: boolean;
	rsvp: attendance.RsvpRow | null;
	present: boolean | null;
}

export interface AttendanceOverview {
	attendees: AttendeeRow[];
	expected: QuorumResult;
	actual: QuorumResult;
}

export function createAttendanceService(deps: { db: ScopedDb; actor: { userId: string } }) {
	const { db, actor } = deps;
	const canRsvp = (board: BoardContext) => allowed(board, 'meetings.rsvp');

	/** The overview of a meeting of `board` that the caller has just read in `tx` (meetingOr404). */
	async function overviewIn(
		tx: Tx,
		board: BoardContext,
		meetingId: string
	): Promise<{ mine: attendance.RsvpRow | null; office: AttendanceOverview | null }> {
		const rsvps = await attendance.listRsvps(tx, meetingId);
		const mine = rsvps.find((row) => row.userId === actor.userId) ?? null;
		if (!isOffice(board)) return { mine, office: null };
		const { quorumRule } = await repo.boardSettings(tx, board.id);
		const people = [
			...(await repo.listBoardPeople(tx, board.id)).filter((p) => p.role !== 'office'),
			...(await repo.listMeetingGuests(tx, { boardId: board.id, meetingId }))
		];
		const present = new Map((await attendance.listAttendance(tx, meetingId)).map((row) => [row.userId, row.present]));
		const attendees = people.map((p) => ({
			userId: p.userId,
			displayName: p.displayName,
			role: p.role,
			voting: isVotingRole(p.role),
			rsvp: rsvps.find((row) => row.userId === p.userId) ?? null,
			present: present.get(p.userId) ?? null
		}));
		const voting = attendees.filter((a) => a.voting);
		const coming = voting.filter((a) => a.rsvp && a.rsvp.response !== 'absent').length;
		return {
			mine,
			office: {
				attendees,
				expected: quorum(quorumRule, coming, voting.length),
				actual: quorum(quorumRule, voting.filter((a) => a.present).length, voting.length)
			}
		};
	}

	return {
		canRsvp,

		/** The caller's own answer; office additionally gets everyone's answers, the attendance and both quorum views. */
		overview: (board: BoardContext, meetingId: string) =>
			db.run(async (tx) => {
				await meetingOr404(tx, board, meetingId);
				return overviewIn(tx, board, meetingId);
			}),

		/** The same inside the caller's transaction, for a meeting it has just read there (the meeting page). */
		overviewIn,

		async rsvp(board: BoardContext, meetingId: string, input: RsvpInput) {
			if (!canRsvp(board)) throw forbidden();
			await db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				if (!OPEN_FOR_RSVP.includes(meeting.status)) throw new ServiceError(409, 'meetings.error.rsvpClosed');
				await attendance.upsertRsvp(tx, {
					meetingId,
					boardId: board.id,
					...input,
					proxyNote: input.response === 'absent' ? input.proxyNote : ''
				});
			});
		},

		/** Records who is present; everyone listed and not ticked is recorded as absent. */
		async recordAttendance(board: BoardContext, meetingId: string, presentIds: string[]) {
			if (!isOffice(board)) throw forbidden();
			await db.run(async (tx) => {
				const meeting = await meetingOr404(tx, board, meetingId);
				if (meeting.status === 'cancelled') throw new ServiceError(409, 'meetings.error.cancelled');
				const people = [
					...(await repo.listBoardPeople(tx, board.id)).filter((p) => p.role !== 'office'),
					...(await repo.listMeetingGuests(tx, { boardId: board.id, meetingId }))
				].map((p) => p.userId);
				const unknown = presentIds.filter((id) => !people.includes(id));
				if (unknown.length > 0) throw new ServiceError(400, 'meetings.error.unknownPerson');
				await attendance.saveAttendance(tx, { meetingId, boardId: board.id, people, present: new Set(presentIds) });
			});
		}
	};
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
