import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import { serviceFailure } from '$lib/server/http';
import { memberRemovalService } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const idSchema = z.uuid();

function personId(locals: App.Locals, id: string): string {
	const parsed = idSchema.safeParse(id);
	if (!parsed.success) error(404, translate(locals.locale, 'error.notFound'));
	return parsed.data;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		return { person: await memberRemovalService(locals).candidate(personId(locals, params.id)) };
	} catch (e) {
		const failure = serviceFailure(e, locals.locale);
		error(failure.status, failure.data.message);
	}
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const userId = personId(locals, params.id);
		const form = await request.formData();
		if (form.get('confirm') !== 'yes') return fail(400, { message: translate(locals.locale, 'personalData.removal.mustConfirm') });
		try {
			await memberRemovalService(locals).remove(userId);
		} catch (e) {
			return serviceFailure(e, locals.locale);
		}
		redirect(303, '/admin/members?removed=1');
	}
};
