import type { MessageKey } from '$lib/i18n';

/**
 * A refusal a user can understand: an HTTP status and a message key. Services throw it; routes
 * turn it into `fail()` or `error()` with the message in the user's language.
 */
export class ServiceError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503,
		readonly messageKey: MessageKey,
		readonly params: Record<string, string | number> = {}
	) {
		super(messageKey);
	}
}

export const forbidden = () => new ServiceError(403, 'error.forbidden');
export const notFound = () => new ServiceError(404, 'error.notFound');
