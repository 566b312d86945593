import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import type { Mailer, OutgoingMail } from '$lib/server/mail/port';
import { meetingVoteService, voteService } from '$lib/server/services';
import { circularSchema, type CircularInput } from '$lib/server/votes/vote.schema';
import { toBerlinLocal } from '$lib/server/calendar/berlin-local';
import { requestTo } from '../support/app-context';
import type { TestUser } from './index';

/** A mailer that keeps what it is given, for assertions. */
export function memoryMailer(): Mailer & { sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return { sent, send: async (mail) => void sent.push(mail) };
}

/** Where the mails of tests that do not read them go (one mailer: one app per database). */
const unreadMails = memoryMailer();

/** The vote services of a request by `user`, wired as the app wires them; mails go to `mailer`. */
export async function votesAs(db: Database, user: TestUser, mailer: Mailer = unreadMails) {
	const request = await requestTo(db, user, mailer);
	return { circular: voteService(request), meeting: meetingVoteService(request) };
}

/** A circular-resolution form, deadline `hours` ahead (Berlin local time, as the form sends it). */
export function circularInput(overrides: Record<string, unknown> = {}, hours = 72): CircularInput {
	return circularSchema.parse({
		title: `Umlaufbeschluss ${Math.random().toString(36).slice(2, 8)}`,
		motion: `Der Beirat beschließt ${Math.random().toString(36).slice(2, 8)}.`,
		deadline: toBerlinLocal(new Date(Date.now() + hours * 3_600_000)),
		majority: 'cast',
		minParticipation: '50',
		discussionThreshold: '2',
		formToken: randomUUID(),
		...overrides
	});
}

/** Moves a vote's deadline (as the owner), e.g. into the past for the deadline job. */
export async function setDeadline(db: Database, voteId: string, deadline: Date): Promise<void> {
	await db.ownerTransaction((tx) =>
		tx.query(`update public.votes set deadline = $2 where id = $1`, [voteId, deadline])
	);
}

export async function ownerRows<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
	return db.ownerTransaction((tx) => tx.query<T>(sql, params));
}
