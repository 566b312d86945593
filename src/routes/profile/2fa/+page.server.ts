import { twoFactorService } from '$lib/server/services';
import { confirmCodeSchema, disableSchema, renewCodesSchema } from '$lib/server/auth/two-factor.schema';
import { twoFactorState } from '$lib/server/auth/two-factor.repository';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	const { required } = await locals.db.run(twoFactorState);
	const status = await twoFactorService(locals, { ip: event.getClientAddress(), cookies: event.cookies }).status();
	const aal = locals.claims?.aal === 'aal2' ? 'aal2' : 'aal1';
	// Supabase Auth issues no recovery codes; the page says how to keep a backup instead.
	return { required, aal, hasRecoveryCodes: locals.app.auth.kind === 'local', ...status };
};

export const actions: Actions = {
	begin: (event) =>
		formAction({
			event,
			done: 'begin',
			run: (locals) => twoFactorService(locals, { ip: event.getClientAddress(), cookies: event.cookies }).begin()
		}),

	confirm: (event) =>
		formAction({
			event,
			schema: confirmCodeSchema,
			done: 'confirm',
			message: 'twoFactor.enrol.done',
			run: (locals, { code }) =>
				twoFactorService(locals, { ip: event.getClientAddress(), cookies: event.cookies }).confirm(code),
			extra: (recoveryCodes) => ({ recoveryCodes })
		}),

	codes: (event) =>
		formAction({
			event,
			schema: renewCodesSchema,
			done: 'codes',
			message: 'twoFactor.renew.done',
			run: (locals, data) =>
				twoFactorService(locals, { ip: event.getClientAddress(), cookies: event.cookies }).renewRecoveryCodes(data),
			extra: (recoveryCodes) => ({ recoveryCodes })
		}),

	disable: (event) =>
		formAction({
			event,
			schema: disableSchema,
			done: 'disable',
			message: 'twoFactor.disable.done',
			run: async (locals, data) => {
				const { required } = await locals.db.run(twoFactorState);
				await twoFactorService(locals, { ip: event.getClientAddress(), cookies: event.cookies }).disable({
					...data,
					required
				});
			}
		})
};
