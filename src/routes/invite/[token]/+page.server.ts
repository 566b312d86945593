import { invitationService } from '$lib/server/services';
import { acceptSchema } from '$lib/server/invitations/invitation.schema';
import { attempt, formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// An invitation that cannot be used (expired, revoked, used) is shown on the page, not as an error page.
export const load: PageServerLoad = async ({ params, locals }) => {
	const described = await attempt(locals.locale, () => invitationService(locals).describe(params.token));
	// Single sign-on with local auth (#17) accepts the invitations to the address the provider confirms.
	const sso = locals.app.config.sso?.kind === 'oidc' ? locals.app.config.sso.label : null;
	return described.ok
		? { invitation: described.value, invalid: null, sso: described.value.accountExists ? null : sso }
		: { invitation: null, invalid: described.message, sso: null };
};

export const actions: Actions = {
	default: (event) =>
		formAction({
			event,
			schema: acceptSchema,
			done: 'accept',
			run: async (locals, data) => {
				const invitations = invitationService(locals);
				await invitations.accept({
					token: event.params.token,
					...data,
					locale: locals.locale,
					session: locals.auth
				});
				// A contributor invited to a consultation round (#15) lands on its page, others on the dashboard.
				return invitations.landingAfterAccept(event.params.token);
			},
			keep: ({ displayName }) => ({ displayName: displayName ?? '' }),
			redirect: (landing) => landing ?? '/?welcome=1'
		})
};
