import type { Locale } from '$lib/i18n';
import type { BoardRole } from '$lib/roles';
import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import type { Mailer } from '../mail/port';
import { invitationMail } from '../mail/templates';
import { randomSecret, sha256 } from '../auth/tokens';
import * as repo from './member.repository';
import { getCollabHub } from '../collab/collab-process';
import type { InviteInput } from './member.schema';
import { lockFormToken, refuseUsedToken } from '../db/form-token';

export const INVITATION_VALID_DAYS = 14;

import { can, type BoardContext } from '../boards/policy';

export interface MemberServiceDeps {
	db: ScopedDb;
	mailer: Mailer;
	origin: string;
	actor: { userId: string; displayName: string; isAdmin: boolean };
}

export function createMemberService(deps: MemberServiceDeps) {
	const { db, mailer, origin, actor } = deps;
	const canManage = (board: BoardContext) => can(actor, 'members.manage', board);
	const requireManager = (board: BoardContext) => {
		if (!canManage(board)) throw forbidden();
	};

	async function mailInvitation(input: {
		board: BoardContext;
		email: string;
		role: BoardRole;
		token: string;
		expiresAt: Date;
		locale: Locale;
	}) {
		const link = `${origin}/invite/${encodeURIComponent(input.token)}`;
		const mail = invitationMail({
			locale: input.locale,
			boardName: input.board.name,
			inviterName: actor.displayName,
			role: input.role,
			link,
			expiresAt: input.expiresAt
		});
		await mailer.send({ to: input.email, kind: 'invitation', boardId: input.board.id, secrets: [link], ...mail });
	}

	return {
		canManage,

		async list(board: BoardContext) {
			const manage = canManage(board);
			return db.run(async (tx) => ({
				members: await repo.listMembers(tx, { boardId: board.id, includeInactive: manage }),
				invitations: manage ? await repo.listOpenInvitations(tx, board.id) : [],
				canManage: manage
			}));
		},

		/**
		 * Invites (or renews the open invitation of) an address and mails the link. The same form token again
		 * (a double click, a resent form) returns the invitation it made with `created: false`: no second
		 * link, no second mail.
		 */
		async invite(
			board: BoardContext,
			input: InviteInput
		): Promise<{ id: string; email: string; expiresAt: Date; created: boolean }> {
			requireManager(board);
			const token = randomSecret();
			const invitation = await db
				.run(async (tx) => {
					// A twin of this form waits here until the first is written, then finds it.
					await lockFormToken(tx, input.formToken);
					const before = await repo.invitationOfFormToken(tx, input.formToken);
					if (before) {
						if (before.boardId !== board.id || before.meetingId !== null)
							throw new ServiceError(409, 'form.error.tokenUsed');
						return { id: before.id, email: before.email, expiresAt: before.expiresAt, created: false };
					}
					if (await repo.isActiveMemberByEmail(tx, { boardId: board.id, email: input.email })) {
						throw new ServiceError(409, 'members.error.alreadyMember');
					}
					const written = await repo.upsertInvitation(tx, {
						boardId: board.id,
						email: input.email,
						role: input.role,
						organisation: input.organisation,
						function: input.function,
						tokenHash: sha256(token),
						validDays: INVITATION_VALID_DAYS,
						formToken: input.formToken
					});
					return { ...written, email: input.email, created: true };
				})
				.catch(refuseUsedToken);
			if (invitation.created) {
				await mailInvitation({
					board,
					email: input.email,
					role: input.role,
					token,
					expiresAt: invitation.expiresAt,
					locale: input.locale
				});
			}
			return invitation;
		},

		async resendInvitation(board: BoardContext, input: { invitationId: string; locale: Locale }) {
			requireManager(board);
			const token = randomSecret();
			const invitation = await db.run((tx) =>
				repo.renewInvitation(tx, {
					boardId: board.id,
					invitationId: input.invitationId,
					tokenHash: sha256(token),
					validDays: INVITATION_VALID_DAYS
				})
			);
			if (!invitation) throw notFound();
			await mailInvitation({
				board,
				email: invitation.email,
				role: invitation.role,
				token,
				expiresAt: invitation.expiresAt,
				locale: input.locale
			});
		},

		async revokeInvitation(board: BoardContext, invitationId: string) {
			requireManager(board);
			if (!(await db.run((tx) => repo.revokeInvitation(tx, { boardId: board.id, invitationId })))) throw notFound();
		},

		/** Changes a role or (de)activates; the board always keeps an active office, and nobody locks themselves out. */
		async updateMember(board: BoardContext, input: { membershipId: string; role?: BoardRole; active?: boolean }) {
			requireManager(board);
			// Open collaboration sockets of this person in this board close; they reconnect with their new access.
			await db
				.run(async (tx) => {
					const member = await repo.findMembership(tx, { boardId: board.id, membershipId: input.membershipId });
					if (!member) throw notFound();
					if (
						member.userId === actor.userId &&
						(input.active === false || (input.role && input.role !== member.role))
					) {
						throw new ServiceError(400, 'members.error.self');
					}
					const losesOffice =
						member.role === 'office' &&
						member.active &&
						(input.active === false || (input.role && input.role !== 'office'));
					await repo.updateMembership(tx, { boardId: board.id, ...input });
					if (losesOffice && (await repo.countActiveOffice(tx, board.id)) === 0) {
						throw new ServiceError(400, 'members.error.lastOffice');
					}
					return member.userId;
				})
				.then((userId) => getCollabHub().accessChanged({ userId, boardId: board.id }));
		}
	};
}

export type MemberService = ReturnType<typeof createMemberService>;
