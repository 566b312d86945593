import { error, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { ServiceError } from '../errors';

// Reading forms and answering with their refusals. Routes use these through the action helpers
// (action.ts); a form of a particular shape (repeated fields, uploads) uses them directly.

/**
 * The request's form. A body that is not a readable form (a broken multipart body, a wrong boundary) is
 * refused with 400 and a sentence, not a 500; a body over the size limit keeps its 413.
 */
export async function readForm(request: Request, locale: Locale): Promise<FormData> {
	try {
		return await request.formData();
	} catch (cause) {
		if ((cause as { status?: unknown } | null)?.status === 413) throw cause;
		error(400, translate(locale, 'error.unreadableForm'));
	}
}

/** Form data as a plain object of strings (the last value wins for repeated names). */
export function formObject(data: FormData): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') result[key] = value;
	return result;
}

/** Field errors from zod, translated: one message per field. */
export function fieldErrors(error: z.ZodError, locale: Locale): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= translate(locale, issueKey(issue), issueParams(issue));
	}
	return errors;
}

function issueKey(issue: z.core.$ZodIssue): MessageKey {
	if (issue.code === 'too_small') return issue.minimum === 1 ? 'validation.required' : 'validation.tooShort';
	if (issue.code === 'too_big') return 'validation.tooLong';
	if (issue.code === 'invalid_format' && issue.format === 'email') return 'validation.email';
	return 'validation.invalid';
}

function issueParams(issue: z.core.$ZodIssue): Record<string, string | number> {
	if (issue.code === 'too_small' || issue.code === 'too_big') {
		return { count: Number(issue.code === 'too_small' ? issue.minimum : issue.maximum) };
	}
	return {};
}

/** Parses a form with a schema; on failure a `fail(400)` with translated field errors and the values back. */
export function parseForm<S extends z.ZodType>(schema: S, data: FormData, locale: Locale) {
	const values = formObject(data);
	const result = schema.safeParse(values);
	if (result.success) return { ok: true as const, data: result.data as z.infer<S> };
	delete values.password;
	delete values.currentPassword;
	delete values.newPassword;
	return { ok: false as const, failure: fail(400, { values, errors: fieldErrors(result.error, locale) }) };
}

/** A ServiceError as a form failure with its message translated; anything else is rethrown. */
export function serviceFailure(error: unknown, locale: Locale, values: Record<string, string> = {}) {
	const { status, message } = refusalOf(error, locale);
	return fail(status, { values, message });
}

/** A refusal of a service: its status and its message in the person's language. */
export interface Refusal {
	status: ServiceError['status'];
	message: string;
}

/** The refusal a ServiceError stands for; anything else (a redirect, an error page, a bug) is rethrown. */
export function refusalOf(error: unknown, locale: Locale): Refusal {
	if (!(error instanceof ServiceError)) throw error;
	return { status: error.status, message: translate(locale, error.messageKey, error.params) };
}

/**
 * Runs a service call and hands back its result or its translated refusal, for routes that shape
 * the refusal themselves (extra fields beside the message, a page that shows it as text).
 */
export async function attempt<T>(
	locale: Locale,
	work: () => Promise<T>
): Promise<{ ok: true; value: T } | ({ ok: false } & Refusal)> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		return { ok: false, ...refusalOf(error, locale) };
	}
}
