import { ServiceError } from '$lib/server/errors';

/** Resolves to the message key of the ServiceError a promise rejects with; fails when it does not reject. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (error instanceof ServiceError) return error.messageKey;
	throw error ?? new Error('expected a refusal');
}
