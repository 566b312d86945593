import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { ServiceError, forbidden } from '../errors';
import type { Mailer } from '../mail/port';
import { guestInvitationMail, meetingInvitationMail } from '../mail/meeting-templates';
import type { BoardContext } from '../boards/policy';
import { randomSecret, sha256 } from '../auth/tokens';
import * as repo from './meeting.repository';
import * as guests from './guest.repository';
import { invitees, isOffice, meetingOr404 } from './meeting.service';
import { icsAttachment, mailMeeting, meetingLink, notifyEach } from './meeting-mail';
import { agendaFor, icsAgenda, plannedAgenda } from './meeting-agenda';
import type { ListedItem } from '../mail/agenda-lines';
import type { GuestInput } from './meeting.schema';
import type { FormTokenInput } from '../common.schema';
import { lockFormToken, refuseUsedToken } from '../db/form-token';

/** Guest links are valid as long as member invitations. */
const GUEST_INVITATION_DAYS = 14;

/** A meeting's guests and open guest invitations, for the office; others get empty lists without a query. */
async function guestsIn(
	tx: Tx,
	board: BoardContext,
	meetingId: string
): Promise<{ guests: repo.BoardPerson[]; pending: { email: string; expiresAt: Date }[] }> {
	if (!isOffice(board)) return { guests: [], pending: [] };
	return {
		guests: await repo.listMeetingGuests(tx, { boardId: board.id, meetingId }),
		pending: await guests.listPendingGuestInvitations(tx, { boardId: board.id, meetingId })
	};
}

export interface MeetingInvitationDeps {
	db: ScopedDb;
	mailer: Mailer;
	origin: string;
	actor: { userId: string; displayName: string };
}

export function createMeetingInvitationService(deps: MeetingInvitationDeps) {
	const { db, mailer, origin, actor } = deps;

	/** `agenda`: the whole planned agenda; each person gets what they may read of it, in mail and calendar file. */
	async function mailInvitations(
		board: BoardContext,
		meeting: repo.MeetingRow,
		people: repo.BoardPerson[],
		agenda: ListedItem[]
	) {
		const link = meetingLink(origin, board.slug, meeting.id);
		return notifyEach({
			mailer,
			run: db.run,
			people,
			board,
			meeting,
			kind: 'meeting-invitation',
			attachment: (person) =>
				icsAttachment({
					meeting,
					origin,
					link,
					boardName: board.name,
					agenda: icsAgenda(person.locale, agendaFor(agenda, person.role))
				}),
			compose: (person) =>
				meetingInvitationMail({
					locale: person.locale,
					boardName: board.name,
					meeting: mailMeeting(meeting, link),
					agenda: agendaFor(agenda, person.role)
				})
		});
	}

	return {
		/** Invites the board (and the meeting's guests) once the agenda is published; the meeting becomes `invited`. */
		async sendInvitations(board: BoardContext, meetingId: string): Promise<number> {
			if (!isOffice(board)) throw forbidden();
			const { meeting, people, agenda } = await db.run(async (tx) => {
				const found = await meetingOr404(tx, board, meetingId, true);
				if (found.status === 'cancelled' || found.status === 'held' || found.status === 'minutes_approved') {
					throw new ServiceError(409, 'meetings.error.notInvitable');
				}
				if (!found.agendaPublishedAt) throw new ServiceError(409, 'meetings.error.agendaNotPublished');
				if (found.status === 'planned') await repo.setStatus(tx, { meetingId, status: 'invited' });
				return {
					meeting: { ...found, status: 'invited' as const },
					people: await invitees(tx, board, meetingId),
					agenda: await plannedAgenda(tx, found)
				};
			});
			return mailInvitations(board, meeting, people, agenda);
		},

		/**
		 * Invites a guest to this one meeting. People without a guest membership get an invitation link
		 * (accepting it adds them as guest of the meeting); existing guests of the board are added directly.
		 */
		async inviteGuest(
			board: BoardContext,
			meetingId: string,
			input: GuestInput & FormTokenInput
		): Promise<{ outcome: 'invited' | 'added'; email: string; created: boolean }> {
			if (!isOffice(board)) throw forbidden();
			const token = randomSecret();
			const formToken = input.formToken ?? null;
			const outcome = await db
				.run(async (tx) => {
					// The same form again (double click, resent POST) waits for the first and answers as it did.
					await lockFormToken(tx, formToken);
					const before = await guests.guestOfFormToken(tx, formToken);
					if (before) {
						if (before.meetingId !== meetingId) throw new ServiceError(409, 'form.error.tokenUsed');
						return { repeat: true as const, kind: before.kind, email: before.email };
					}
					const meeting = await meetingOr404(tx, board, meetingId);
					if (meeting.status === 'cancelled') throw new ServiceError(409, 'meetings.error.cancelled');
					const existing = await guests.findBoardPerson(tx, { boardId: board.id, email: input.email });
					if (existing && existing.role !== 'guest') throw new ServiceError(409, 'meetings.error.alreadyFullMember');
					if (existing) {
						await guests.addMeetingGuest(tx, { meetingId, userId: existing.userId, formToken });
						return { repeat: false as const, meeting, kind: 'added' as const, person: existing, expiresAt: null };
					}
					const { expiresAt } = await guests.upsertGuestInvitation(tx, {
						boardId: board.id,
						meetingId,
						email: input.email,
						tokenHash: sha256(token),
						validDays: GUEST_INVITATION_DAYS,
						formToken
					});
					return { repeat: false as const, meeting, kind: 'invited' as const, person: null, expiresAt };
				})
				.catch(refuseUsedToken);
			// A repeat: the first request sent the mail.
			if (outcome.repeat) return { outcome: outcome.kind, email: outcome.email, created: false };
			const link = meetingLink(origin, board.slug, meetingId);
			if (outcome.kind === 'added') {
				const agenda = await db.run((tx) => plannedAgenda(tx, outcome.meeting));
				// The office chose the language for this invitation; it wins over the guest's profile.
				await mailInvitations(board, outcome.meeting, [{ ...outcome.person!, locale: input.locale }], agenda);
				return { outcome: 'added', email: input.email, created: true };
			}
			const inviteLink = `${origin}/invite/${encodeURIComponent(token)}`;
			const mail = guestInvitationMail({
				locale: input.locale,
				boardName: board.name,
				meeting: mailMeeting(outcome.meeting, link),
				inviterName: actor.displayName,
				inviteLink,
				expiresAt: outcome.expiresAt!
			});
			await mailer.send({
				to: input.email,
				kind: 'meeting-guest-invitation',
				boardId: board.id,
				secrets: [inviteLink],
				...mail
			});
			return { outcome: 'invited', email: input.email, created: true };
		},

		async listGuests(board: BoardContext, meetingId: string) {
			if (!isOffice(board)) return { guests: [], pending: [] };
			return db.run((tx) => guestsIn(tx, board, meetingId));
		},

		/** The same inside the caller's transaction (the meeting page reads all its parts in one). */
		listGuestsIn: guestsIn
	};
}

export type MeetingInvitationService = ReturnType<typeof createMeetingInvitationService>;
