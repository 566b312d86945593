import { withSystem, type ScopedDb } from '../db/scoped';
import type { Database, Tx } from '../db/types';
import * as own from './personal-data.repository';
import * as sys from './personal-data-system.repository';

type Row = Record<string, unknown>;

/** Everything Beirat holds about one person (Art. 15 and 20 DSGVO), as plain JSON. */
export interface PersonalDataExport {
	format: 'beirat-personal-data';
	version: 1;
	generatedAt: string;
	account: Row;
	memberships: Row[];
	invitations: Row[];
	meetings: { rsvps: Row[]; attendance: Row[] };
	polls: { answers: Row[] };
	agenda: { proposals: Row[]; conflictsOfInterest: Row[] };
	comments: { written: Row[]; mentions: Row[] };
	papers: { created: Row[]; accessGrants: Row[]; collaborativeEdits: Row[] };
	tasks: Row[];
	votes: Row[];
	calendarFeed: { exists: boolean; createdAt: unknown };
	/** Present when the installation has these areas (their tables exist). */
	notifications?: Row[];
	notificationPreferences?: Row[];
	files?: Row[];
	strategy?: { comments: Row[]; measuresOwned: Row[] };
	reading?: { papersRead: Row[]; boardBookDownloads: Row[] };
	liveMeetings?: { checkIns: Row[]; speakerRequests: Row[] };
	consultation?: { rounds: Row[]; suggestionDecisions: Row[] };
	signInIdentities?: Row[];
	auditEvents?: Row[];
	mails: Row[];
}

export interface PersonalDataDeps {
	/** The request's database handle (the person's RLS). */
	db: ScopedDb;
	/** The app's database, for the named system task restricted to this person. */
	systemDb: Database;
	/** The signed-in person, from the verified session. */
	actor: { userId: string; email: string };
}

// Links in mails may carry sign-in or invitation tokens that could still be valid: the export
// shows that such a mail was sent, never a usable link.
const TOKEN_LINK = /https?:\/\/\S*\/(invite|reset|login|auth|calendar)\S*/g;

export function createPersonalDataService(deps: PersonalDataDeps) {
	const { actor } = deps;

	async function optional(tx: Tx, table: string, read: (tx: Tx) => Promise<Row[]>): Promise<Row[] | undefined> {
		return (await own.tableExists(tx, table)) ? read(tx) : undefined;
	}

	async function ownRows(tx: Tx) {
		return {
			account: (await own.account(tx)) ?? {},
			memberships: await own.memberships(tx),
			meetings: { rsvps: await own.rsvps(tx), attendance: await own.attendance(tx) },
			polls: { answers: await own.pollAnswers(tx) },
			agenda: { proposals: await own.proposals(tx), conflictsOfInterest: await own.conflicts(tx) },
			comments: { written: await own.comments(tx), mentions: await own.mentions(tx) },
			papers: { created: await own.papersCreated(tx), accessGrants: await own.paperAccess(tx) },
			tasks: await own.tasks(tx),
			votes: await own.votes(tx),
			calendarFeed: await own.calendarToken(tx),
			notifications: await optional(tx, 'notifications', own.notifications),
			notificationPreferences: await optional(tx, 'notification_preferences', own.notificationPreferences),
			files: await optional(tx, 'files', own.files),
			strategy: (await own.tableExists(tx, 'strategy_comments'))
				? { comments: await own.strategyComments(tx), measuresOwned: await own.strategyMeasuresOwned(tx) }
				: undefined,
			reading: (await own.tableExists(tx, 'paper_reads'))
				? { papersRead: await own.paperReads(tx), boardBookDownloads: await own.boardBookDownloads(tx) }
				: undefined,
			liveMeetings: (await own.tableExists(tx, 'meeting_checkins'))
				? { checkIns: await own.meetingCheckIns(tx), speakerRequests: await own.speakerRequests(tx) }
				: undefined,
			consultation: (await own.tableExists(tx, 'paper_rounds'))
				? {
						rounds: await own.roundParticipation(tx),
						suggestionDecisions: (await optional(tx, 'paper_suggestion_decisions', own.suggestionDecisions)) ?? []
					}
				: undefined
		};
	}

	async function systemRows(tx: Tx) {
		const auth = await sys.authAccount(tx, actor.userId);
		const email = actor.email;
		const mails = (await sys.outbox(tx, email)).map((mail) => ({
			...mail,
			body: String(mail.body).replace(TOKEN_LINK, '[…]')
		}));
		return {
			auth,
			invitations: await sys.invitations(tx, email),
			collaborativeEdits: await sys.collabEdits(tx, actor.userId),
			auditEvents: (await own.tableExists(tx, 'audit_events')) ? await sys.auditEvents(tx, actor.userId) : undefined,
			signInIdentities: (await own.tableExists(tx, 'sso_identities'))
				? await sys.signInIdentities(tx, actor.userId)
				: undefined,
			mails
		};
	}

	return {
		/** The signed-in person's own data; nobody can ask for someone else's (the id comes from the session). */
		async exportData(): Promise<PersonalDataExport> {
			const mine = await deps.db.run(ownRows);
			const system = await withSystem(deps.systemDb, 'personal-data-export', systemRows);
			return {
				format: 'beirat-personal-data',
				version: 1,
				generatedAt: new Date().toISOString(),
				...mine,
				account: {
					...mine.account,
					accountCreatedAt: system.auth?.createdAt ?? null,
					lastSignInAt: system.auth?.lastSignInAt ?? null
				},
				papers: { ...mine.papers, collaborativeEdits: system.collaborativeEdits },
				invitations: system.invitations,
				signInIdentities: system.signInIdentities,
				auditEvents: system.auditEvents,
				mails: system.mails
			};
		}
	};
}
