import { ServiceError } from '../errors';
import { isUuid } from '../common.schema';
import { allowed, isVotingRole } from '../boards/policy';
import {
	itemNotFound,
	meetingNotFound,
	requireMeeting,
	requireOffice,
	type AgendaServiceDeps,
	type MeetingRef
} from './agenda-context';
import { planAgenda } from './agenda-plan';
import { recordChanges, sendNotice } from './agenda-notify';
import * as repo from './agenda.repository';
import * as participation from './agenda-participation.repository';
import type { ConflictInput, DeclineInput, ProposalInput } from './agenda.schema';

/** Proposals by members and declarations of conflicts of interest. */
export function createAgendaParticipationService(deps: AgendaServiceDeps) {
	const { db, mailer, origin } = deps;

	return {
		async propose(ref: MeetingRef, input: ProposalInput): Promise<string> {
			return db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				if (!allowed(meeting, 'agenda.participate')) throw new ServiceError(403, 'agenda.error.proposeRole');
				if (Date.now() > new Date(meeting.proposalDeadline).getTime())
					throw new ServiceError(409, 'agenda.error.proposalsClosed');
				return participation.insertProposal(tx, { meetingId: meeting.id, ...input });
			});
		},

		/** Moves the deadline for proposals (office); it cannot lie after the meeting's start. */
		async setProposalDeadline(ref: MeetingRef, deadline: Date): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				if (deadline.getTime() > new Date(meeting.startsAt).getTime())
					throw new ServiceError(400, 'agenda.error.deadlineAfterStart');
				await repo.setProposalDeadline(tx, { meetingId: meeting.id, deadline });
			});
		},

		/** Accepting appends the proposal as an item (recorded and mailed like any change after publication). */
		async accept(ref: MeetingRef, proposalId: string): Promise<string> {
			let itemId = '';
			const notice = await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				await repo.lockAgenda(tx, meeting.id);
				const proposal = isUuid(proposalId)
					? await participation.findOpenProposal(tx, { meetingId: meeting.id, proposalId })
					: null;
				if (!proposal) throw new ServiceError(404, 'agenda.error.proposalNotOpen');
				const fields = {
					title: proposal.title,
					description: proposal.description,
					kind: proposal.kind,
					isPublic: true,
					presenterText: null,
					presenterUserId: proposal.proposedBy,
					plannedMinutes: 15
				};
				itemId = (
					await repo.insertItem(tx, {
						meetingId: meeting.id,
						isSubItem: false,
						fields,
						changed: Boolean(meeting.agendaPublishedAt)
					})
				).id;
				await participation.decideProposal(tx, { proposalId: proposal.id, status: 'accepted', reason: null, itemId });
				const added = planAgenda(await repo.listItems(tx, meeting.id), meeting.startsAt).find(
					(row) => row.id === itemId
				)!;
				const after = {
					number: added.number,
					title: added.title,
					isPublic: true,
					description: added.description,
					kind: added.kind,
					plannedMinutes: added.plannedMinutes
				};
				return recordChanges(tx, meeting, [{ itemId, action: 'add', before: null, after }]);
			});
			await sendNotice({ mailer, origin, notice });
			return itemId;
		},

		async decline(ref: MeetingRef, input: DeclineInput): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				const done = await participation.decideProposal(tx, {
					proposalId: input.proposalId,
					status: 'declined',
					reason: input.reason,
					itemId: null
				});
				if (!done) throw new ServiceError(404, 'agenda.error.proposalNotOpen');
			});
		},

		async declareConflict(ref: MeetingRef, input: ConflictInput): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				if (!allowed(meeting, 'agenda.participate')) throw new ServiceError(403, 'agenda.error.conflictRole');
				if (!(await repo.findItem(tx, { meetingId: meeting.id, itemId: input.itemId }))) throw itemNotFound();
				await participation.upsertConflict(tx, { meetingId: meeting.id, itemId: input.itemId, reason: input.reason });
			});
		},

		async withdrawConflict(ref: MeetingRef, itemId: string): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				if (!isUuid(itemId) || !(await participation.withdrawConflict(tx, { meetingId: meeting.id, itemId }))) {
					throw new ServiceError(404, 'agenda.error.conflictNotFound');
				}
			});
		},

		/**
		 * Who does not vote on which item (for the votes area): active declarations of people who hold a
		 * vote. Only the office and the chair may ask, as they run the votes.
		 */
		async votingExclusions(meetingId: string): Promise<{ itemId: string; userId: string }[]> {
			return db.run(async (tx) => {
				const meeting = isUuid(meetingId) ? await repo.findMeeting(tx, meetingId) : null;
				if (!meeting) throw meetingNotFound();
				if (!allowed(meeting, 'agenda.oversee')) throw new ServiceError(403, 'error.forbidden');
				const rows = await participation.listActiveConflictsWithRole(tx, meeting.id);
				return rows.filter((row) => isVotingRole(row.role)).map(({ itemId, userId }) => ({ itemId, userId }));
			});
		}
	};
}

export type AgendaParticipationService = ReturnType<typeof createAgendaParticipationService>;
