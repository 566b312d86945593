import type { AuthPort } from '../auth/port';
import { getCollabHub } from '../collab/collab-process';
import type { ScopedDb } from '../db/scoped';
import { ServiceError, forbidden, notFound } from '../errors';
import * as repo from './member-removal.repository';

export interface MemberRemovalDeps {
	/** The request's database handle (the admin's RLS). */
	db: ScopedDb;
	/** Deletes the account with its sessions at the auth provider. */
	auth: Pick<AuthPort, 'deleteUser'>;
	actor: { userId: string; isAdmin: boolean };
}

const REFUSALS = {
	forbidden: () => forbidden(),
	'not-found': () => notFound(),
	self: () => new ServiceError(409, 'personalData.removal.self'),
	'last-office': () => new ServiceError(409, 'personalData.removal.lastOffice')
} satisfies Record<repo.RemovalRefusal, () => ServiceError>;

/** A platform admin removes a person: account deleted, formal records kept under a pseudonym. */
export function createMemberRemovalService(deps: MemberRemovalDeps) {
	const { db, actor } = deps;
	const requireAdmin = () => {
		if (!actor.isAdmin) throw forbidden();
	};

	return {
		async listPeople() {
			requireAdmin();
			const people = await db.run(repo.listPeople);
			return people.map((person) => ({ ...person, isSelf: person.userId === actor.userId }));
		},

		/** The person shown on the confirm page; self-removal is refused before anyone confirms. */
		async candidate(userId: string) {
			requireAdmin();
			const person = await db.run((tx) => repo.findPerson(tx, userId));
			if (!person) throw notFound();
			return { ...person, isSelf: person.userId === actor.userId };
		},

		/**
		 * Removes in one database transaction (refusals, deletion of personal rows, pseudonymised
		 * profile), then deletes the account at the auth provider. If that second step fails the person
		 * already has no access (no memberships) and removing again finishes it: both steps are idempotent.
		 * The person's open collaboration sockets close (and their tickets stop working) in between,
		 * before the account is gone, like on deactivation.
		 */
		async remove(userId: string): Promise<void> {
			requireAdmin();
			if (userId === actor.userId) throw REFUSALS.self();
			try {
				await db.run((tx) => repo.removeMember(tx, userId));
			} catch (error) {
				const refusal = repo.refusalOf(error);
				throw refusal ? REFUSALS[refusal]() : error;
			}
			getCollabHub().accessChanged({ userId });
			await deps.auth.deleteUser(userId);
		}
	};
}
