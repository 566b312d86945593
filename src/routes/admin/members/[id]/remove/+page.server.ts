import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { customAction, idParam, pageData, readForm } from '$lib/server/http';
import { memberRemovalService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	person: await pageData(locals, () => memberRemovalService(locals).candidate(idParam(locals, params.id)))
});

export const actions: Actions = {
	// The confirmation box must be ticked: without it, one message and nothing removed.
	default: async ({ locals, params, request }) => {
		const userId = idParam(locals, params.id);
		const form = await readForm(request, locals.locale);
		if (form.get('confirm') !== 'yes')
			return fail(400, { message: translate(locals.locale, 'personalData.removal.mustConfirm') });
		return customAction(locals, async () => {
			await memberRemovalService(locals).remove(userId);
			redirect(303, '/admin/members?removed=1');
		});
	}
};
