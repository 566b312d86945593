import { error } from '@sveltejs/kit';
import { createAuthService } from './auth/auth.service';
import { createInvitationService } from './invitations/invitation.service';
import { createMemberService } from './members/member.service';
import { createProfileService } from './profiles/profile.service';
import type { RequestContext } from './context';
import type { CurrentUser } from './profiles/profile.repository';

// Services are built per request from the request's context: their dependencies are passed in,
// and nothing per-user lives at module level.

export const authService = ({ app }: RequestContext) =>
	createAuthService({ db: app.db, auth: app.auth, mailer: app.mailer, origin: app.config.origin });

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
