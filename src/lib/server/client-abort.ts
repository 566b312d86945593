/**
 * Whether a request failed because the browser went away while its body was being read: a second click
 * on a form without JavaScript cancels the first post, a closed tab or a lost phone connection does the
 * same. Nothing was written (the body never arrived whole), and there is nobody left to answer, so this is
 * not a server error worth a stack trace.
 */
export function isClientAbort(error: unknown, request?: Request): boolean {
	if (request?.signal.aborted) return true;
	if (!(error instanceof Error)) return false;
	const code = (error as Error & { code?: unknown }).code;
	return code === 'ECONNRESET' && error.message === 'aborted';
}
