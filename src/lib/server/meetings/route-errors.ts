import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { RequestContext } from '../context';
import { ServiceError } from '../errors';

/** For page loads: a refusal becomes the matching error page (403, 404, …) in the user's language. */
export async function orErrorPage<T>(locals: RequestContext, work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (e instanceof ServiceError) error(e.status, translate(locals.locale, e.messageKey, e.params));
		throw e;
	}
}
