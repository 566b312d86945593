import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n';
import type { RequestContext } from '../context';
import { ServiceError } from '../errors';

const paperId = z.string().uuid();

/**
 * Runs a paper page's service call; an unknown, malformed or invisible paper id (or a refusal)
 * becomes the translated error page, never a database error.
 */
export async function paperPage<T>(locals: RequestContext, id: string, fn: (paperId: string) => Promise<T>): Promise<T> {
	if (!paperId.safeParse(id).success) error(404, translate(locals.locale, 'error.notFound'));
	try {
		return await fn(id);
	} catch (cause) {
		if (cause instanceof ServiceError) error(cause.status, translate(locals.locale, cause.messageKey, cause.params));
		throw cause;
	}
}
