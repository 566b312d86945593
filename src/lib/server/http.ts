import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { ServiceError } from './errors';
import { loadBoard } from './boards/board-context';
import type { BoardContext } from './boards/policy';

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
	if (!(error instanceof ServiceError)) throw error;
	return fail(error.status, { values, message: translate(locale, error.messageKey, error.params) });
}

/**
 * The usual form action on a board page: resolve the board (actions don't run the layout's load),
 * parse the form, make one service call, answer with a translated confirmation tagged with `done` —
 * or with the field errors or the service's refusal, values kept.
 */
export async function boardFormAction<S extends z.ZodType>(input: {
	event: { request: Request; locals: App.Locals; params: { board: string } };
	schema: S;
	run: (board: BoardContext, data: z.infer<S>) => Promise<unknown>;
	/** Which form succeeded, so the page shows the message beside it. */
	done: string;
	message: MessageKey;
}) {
	const { request, locals, params } = input.event;
	const board = await loadBoard(locals, params.board);
	const parsed = parseForm(input.schema, await request.formData(), locals.locale);
	if (!parsed.ok) return parsed.failure;
	try {
		await input.run(board, parsed.data);
	} catch (error) {
		return serviceFailure(error, locals.locale);
	}
	return { done: input.done, message: translate(locals.locale, input.message) };
}
