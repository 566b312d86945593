import { error, type Cookies } from '@sveltejs/kit';
import { createCommentService } from './comments/comment.service';
import { createVersionService } from './versions/version.service';
import { createExportService } from './export/export.service';
import { getCollabHub } from './collab/collab-process';
import { createAgendaService } from './agenda/agenda.service';
import { createAgendaParticipationService } from './agenda/agenda-participation.service';
import { createAgendaViewService } from './agenda/agenda-view.service';
import { createAgendaPaperService } from './agenda/agenda-paper.service';
import { createAgendaBatchService } from './agenda/agenda-batch.service';
import { createBoardBookService } from './boardbook/boardbook.service';
import { createSinceReadService } from './since-read/since-read.service';
import { paperTextReader } from './boardbook/paper-text';
import { createAuthService } from './auth/auth.service';
import { createSsoService } from './auth/sso.service';
import { createSessionService } from './auth/session.service';
import { createTwoFactorService } from './auth/two-factor.service';
import { createSupabaseTwoFactorService } from './auth/supabase-two-factor.service';
import { createTwoFactorSettingsService } from './auth/two-factor-settings.service';
import { createInvitationService } from './invitations/invitation.service';
import { createMemberService } from './members/member.service';
import { createProfileService } from './profiles/profile.service';
import { createPaperService } from './papers/paper.service';
import { hubNotifier } from './papers/collab-notifier';
import { createTicketService } from './collab/ticket.service';
import { createMeetingService } from './meetings/meeting.service';
import { createAttendanceService } from './meetings/attendance.service';
import { createMeetingInvitationService } from './meetings/meeting-invitation.service';
import { createMeetingPageService } from './meetings/meeting-page.service';
import { createPollService } from './polls/poll.service';
import { createCalendarTokenService } from './calendar/calendar.service';
import { createVoteService } from './votes/vote.service';
import { createMeetingVoteService } from './votes/meeting-vote.service';
import { createDeviceVoteService } from './votes/device-vote.service';
import { createMinutesService } from './minutes/minutes.service';
import { decisionLogSink } from './minutes/minutes-decision-sink';
import { createDecisionService } from './decisions/decision.service';
import { createTaskService } from './tasks/task.service';
import { createAuditService } from './audit/audit.service';
import { createDashboardService } from './dashboard/dashboard.service';
import { createSearchService } from './search/search.service';
import { createNotificationService } from './notifications/notification.service';
import { createFileService } from './files/file.service';
import { BUCKET as FILES_BUCKET } from './files/file.repository';
import { createPublicationService } from './publication/publication.service';
import { createPersonalDataService } from './personal-data/personal-data.service';
import { createMemberRemovalService } from './personal-data/member-removal.service';
import { createLiveService } from './live/live.service';
import { createLiveTicketService } from './live/live-ticket.service';
import { publishMeetingEvent } from './live/live-process';
import type { RequestContext } from './context';
import type { CurrentUser } from './profiles/profile.repository';

// Services are built per request from the request's context: their dependencies are passed in,
// and nothing per-user lives at module level.

export const authService = ({ app }: RequestContext) =>
	createAuthService({
		db: app.db,
		auth: app.auth,
		mailer: app.mailer,
		origin: app.config.origin,
		collab: getCollabHub()
	});

/** Single sign-on (#17): local auth's OpenID Connect client or Supabase Auth's providers. */
export const ssoService = ({ app }: RequestContext) =>
	createSsoService({
		db: app.db,
		auth: app.auth,
		oidc: app.oidc,
		origin: app.config.origin,
		secureCookies: !app.config.isLocalhost
	});

/** The signed-in person's own sign-in sessions (profile → sessions). */
export function sessionService(locals: RequestContext) {
	requireUser(locals);
	return createSessionService({ session: locals.auth, claims: locals.claims!, collab: getCollabHub() });
}

/**
 * The signed-in person's second factor: kept by the app (local auth) or by Supabase Auth's MFA API.
 * `ip` throttles code guessing like passwords (GoTrue rate-limits its own verify).
 */
export function twoFactorService(locals: RequestContext, event: { ip: string; cookies: Cookies }) {
	requireUser(locals);
	const claims = locals.claims!;
	const factors = locals.auth.factors;
	if (!factors)
		return createTwoFactorService({
			db: locals.app.db,
			auth: locals.app.auth,
			session: locals.auth,
			claims,
			ip: event.ip,
			issuer: 'Beirat'
		});
	// GoTrue shows a new factor's secret once; the page keeps it beside the enrolment for a short while.
	const cookie = {
		path: '/profile/2fa',
		httpOnly: true,
		sameSite: 'strict' as const,
		secure: !locals.app.config.isLocalhost
	};
	return createSupabaseTwoFactorService({
		auth: locals.app.auth,
		factors,
		claims,
		issuer: 'Beirat',
		pending: {
			get: () => event.cookies.get(PENDING_FACTOR_COOKIE),
			set: (value) => event.cookies.set(PENDING_FACTOR_COOKIE, value, { ...cookie, maxAge: 15 * 60 }),
			clear: () => event.cookies.delete(PENDING_FACTOR_COOKIE, cookie)
		}
	});
}

const PENDING_FACTOR_COOKIE = 'beirat-2fa-enrolment';

export const twoFactorSettingsService = ({ db }: RequestContext) => createTwoFactorSettingsService({ db });

export const invitationService = ({ app }: RequestContext) => createInvitationService({ db: app.db, auth: app.auth });

export const profileService = ({ db }: RequestContext) => createProfileService({ db });

export function requireUser(locals: RequestContext): CurrentUser {
	if (!locals.user) error(401, 'unauthenticated');
	return locals.user;
}

export function memberService(locals: RequestContext) {
	const user = requireUser(locals);
	return createMemberService({
		db: locals.db,
		mailer: locals.app.mailer,
		origin: locals.app.config.origin,
		actor: { userId: user.userId, displayName: user.displayName, isAdmin: user.isAdmin }
	});
}

export function paperService(locals: RequestContext) {
	requireUser(locals);
	return createPaperService({ db: locals.db, collab: hubNotifier });
}

/** Meetings, RSVPs/attendance, invitations, polls and the calendar token (meetings area). */
function meetingDeps(locals: RequestContext) {
	const user = requireUser(locals);
	return {
		db: locals.db,
		mailer: locals.app.mailer,
		origin: locals.app.config.origin,
		actor: { userId: user.userId, displayName: user.displayName }
	};
}
export const meetingService = (locals: RequestContext) => createMeetingService(meetingDeps(locals));
export const attendanceService = (locals: RequestContext) => createAttendanceService(meetingDeps(locals));
export const meetingInvitationService = (locals: RequestContext) => createMeetingInvitationService(meetingDeps(locals));
export const pollService = (locals: RequestContext) => createPollService(meetingDeps(locals));
/** The meeting page in one transaction: the meeting, its agenda panel (agenda area), attendance and guests. */
export const meetingPageService = (locals: RequestContext) =>
	createMeetingPageService({
		db: locals.db,
		agenda: agendaViewService(locals),
		attendance: attendanceService(locals),
		guests: meetingInvitationService(locals)
	});
export const calendarTokenService = (locals: RequestContext) => (
	requireUser(locals),
	createCalendarTokenService({ db: locals.db })
);

/** Tickets for the collaboration socket (collab area); `origin` is the request's (the socket's host). */
export function collabTicketService(locals: RequestContext, origin = locals.app.config.origin) {
	const user = requireUser(locals);
	return createTicketService({
		db: locals.db,
		systemDb: locals.app.db,
		origin,
		actor: { userId: user.userId, sessionId: locals.claims?.session_id }
	});
}

/** Agenda, proposals, conflicts of interest and the board book (agenda area). */
function agendaDeps(locals: RequestContext) {
	const user = requireUser(locals);
	return {
		db: locals.db,
		mailer: locals.app.mailer,
		origin: locals.app.config.origin,
		actor: { userId: user.userId, displayName: user.displayName },
		locale: locals.locale
	};
}
export const agendaService = (locals: RequestContext) => createAgendaService(agendaDeps(locals));
export const agendaParticipationService = (locals: RequestContext) =>
	createAgendaParticipationService(agendaDeps(locals));
export const agendaBatchService = (locals: RequestContext) => createAgendaBatchService(agendaDeps(locals));
export const agendaViewService = (locals: RequestContext) =>
	createAgendaViewService({ db: locals.db, userId: locals.user?.userId ?? null });
export const agendaPaperService = (locals: RequestContext) => (
	requireUser(locals),
	createAgendaPaperService({ db: locals.db })
);
export const boardBookService = (locals: RequestContext) =>
	createBoardBookService({
		db: locals.db,
		readerName: requireUser(locals).displayName,
		paperText: paperTextReader(getCollabHub()),
		readFile: (objectName) => locals.app.storage.read(FILES_BUCKET, objectName)
	});

/** "Changed since you last read" of papers and the person's board book downloads (#15). */
export const sinceReadService = (locals: RequestContext) => (
	requireUser(locals),
	createSinceReadService({ db: locals.db, hub: getCollabHub() })
);

/** Comments, versions, export and import of papers (comments area). */
function paperExtrasDeps(locals: RequestContext) {
	const user = requireUser(locals);
	return { db: locals.db, hub: getCollabHub(), actor: { userId: user.userId, displayName: user.displayName } };
}
export const commentService = (locals: RequestContext) =>
	createCommentService({
		...paperExtrasDeps(locals),
		systemDb: locals.app.db,
		mailer: locals.app.mailer,
		origin: locals.app.config.origin
	});
export const versionService = (locals: RequestContext) =>
	createVersionService({ ...paperExtrasDeps(locals), locale: locals.locale });
export const exportService = (locals: RequestContext) => createExportService(paperExtrasDeps(locals));

/** The office's publication switches and the person's public listing (#14). */
export function publicationService(locals: RequestContext) {
	const user = requireUser(locals);
	return createPublicationService({
		db: locals.db,
		hub: { getState: (paperId) => getCollabHub().getState(paperId) },
		actor: { userId: user.userId, isAdmin: user.isAdmin },
		locale: locals.locale
	});
}

/** Circular resolutions and recorded meeting votes (votes area). */
export function voteService(locals: RequestContext) {
	const user = requireUser(locals);
	return createVoteService({
		db: locals.db,
		systemDb: locals.app.db,
		mailer: locals.app.mailer,
		origin: locals.app.config.origin,
		actor: { userId: user.userId }
	});
}
export const meetingVoteService = (locals: RequestContext) => (
	requireUser(locals),
	createMeetingVoteService({ db: locals.db })
);

/** Votes in the meeting on people's own devices (#19); every screen of the meeting hears of a change. */
export const deviceVoteService = (locals: RequestContext) => (
	requireUser(locals),
	createDeviceVoteService({
		db: locals.db,
		publish: (meetingId, event) => publishMeetingEvent(meetingId, { kind: 'vote', full: event, public: null })
	})
);

/** Minutes (Protokoll) of meetings: generated from the agenda, reviewed, approved (frozen), published. */
export function minutesService(locals: RequestContext) {
	const user = requireUser(locals);
	return createMinutesService({
		db: locals.db,
		hub: getCollabHub(),
		mailer: locals.app.mailer,
		origin: locals.app.config.origin,
		locale: locals.locale,
		actor: { userId: user.userId, displayName: user.displayName },
		decisions: decisionLogSink
	});
}

/** Decision log and action items (decisions area). */
export function decisionService(locals: RequestContext) {
	const user = requireUser(locals);
	return createDecisionService({ db: locals.db, actor: { userId: user.userId, isAdmin: user.isAdmin } });
}
export function taskService(locals: RequestContext) {
	const user = requireUser(locals);
	return createTaskService({
		db: locals.db,
		actor: { userId: user.userId, displayName: user.displayName },
		notify: { mailer: locals.app.mailer, origin: locals.app.config.origin }
	});
}

/** The start page across the person's boards (dashboard area): reuses the agenda view and the RSVP rule. */
export function dashboardService(locals: RequestContext) {
	const user = requireUser(locals);
	return createDashboardService({
		db: locals.db,
		boards: user.boards,
		agenda: agendaViewService(locals),
		canRsvp: (board) => attendanceService(locals).canRsvp(board)
	});
}

/** Audit trail (office of a board, platform admin for all boards). */
export function auditService(locals: RequestContext) {
	const user = requireUser(locals);
	return createAuditService({ db: locals.db, actor: { isAdmin: user.isAdmin }, locale: locals.locale });
}

/** Full-text search over one board, under the person's RLS (search area). */
export const searchService = (locals: RequestContext) =>
	createSearchService({ db: locals.db, actor: locals.user ? { userId: locals.user.userId } : null });

/** The signed-in person's notifications and mail preferences (notifications area). */
export const notificationService = (locals: RequestContext) =>
	createNotificationService({ db: locals.db, userId: locals.user?.userId ?? null, locale: locals.locale });

/** The board's files and agenda item attachments (files area). */
export const fileService = (locals: RequestContext) =>
	createFileService({ db: locals.db, storage: locals.app.storage, actor: { userId: requireUser(locals).userId } });

/** The signed-in person's own data export (personal data area); the person comes from the session. */
export function personalDataService(locals: RequestContext) {
	const user = requireUser(locals);
	return createPersonalDataService({
		db: locals.db,
		systemDb: locals.app.db,
		actor: { userId: user.userId, email: user.email }
	});
}

/** Removal of a member by a platform admin (personal data area). */
export function memberRemovalService(locals: RequestContext) {
	const user = requireUser(locals);
	return createMemberRemovalService({
		db: locals.db,
		auth: locals.app.auth,
		actor: { userId: user.userId, isAdmin: user.isAdmin }
	});
}

/** Meeting mode (#19): the live meeting; changes are published on the live channel after commit. */
export function liveService(locals: RequestContext) {
	const user = requireUser(locals);
	return createLiveService({
		db: locals.db,
		actor: { userId: user.userId },
		publish: publishMeetingEvent,
		agenda: agendaViewService(locals)
	});
}

/** Tickets for a meeting's live socket (#19); `origin` is the request's (the socket's host). */
export function liveTicketService(locals: RequestContext, origin = locals.app.config.origin) {
	const user = requireUser(locals);
	return createLiveTicketService({
		db: locals.db,
		systemDb: locals.app.db,
		origin,
		actor: { userId: user.userId, sessionId: locals.claims?.session_id }
	});
}
