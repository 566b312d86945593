import { twoFactorService } from '$lib/server/services';
import { confirmCodeSchema, disableSchema } from '$lib/server/auth/two-factor.schema';
import { twoFactorState } from '$lib/server/auth/two-factor.repository';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals } = event;
	const { required } = await locals.db.run(twoFactorState);
	if (locals.app.auth.kind !== 'local') return { available: false as const, required };
	const status = await twoFactorService(locals, event.getClientAddress()).status();
	return { available: true as const, required, aal: locals.claims?.aal === 'aal2' ? 'aal2' : 'aal1', ...status };
};

export const actions: Actions = {
	begin: (event) =>
		formAction({
			event,
			done: 'begin',
			run: (locals) => twoFactorService(locals, event.getClientAddress()).begin()
		}),

	confirm: (event) =>
		formAction({
			event,
			schema: confirmCodeSchema,
			done: 'confirm',
			message: 'twoFactor.enrol.done',
			run: (locals, { code }) => twoFactorService(locals, event.getClientAddress()).confirm(code),
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
				await twoFactorService(locals, event.getClientAddress()).disable({ ...data, required });
			}
		})
};
