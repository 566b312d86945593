import type { FieldErrors, FieldValues } from './action-result';

/** The success answers of a page's `ActionData` (those carrying `done`), with their extra fields. */
export type SuccessOf<F> = Extract<F, { done: unknown }>;
/** The refusal answers of a page's `ActionData` (those without `done`), with their extra fields. */
export type FailureOf<F> = Exclude<F, { done: unknown } | null | undefined>;

/** What a page reads of its last form result — the one way to read `form`. */
export interface FormState<F> {
	/** The tag of the form that succeeded (`''` for an untagged success), undefined after a refusal or none. */
	done: string | undefined;
	/** The confirmation after a success; with `done`, only when that form succeeded. */
	success(done?: string): string | undefined;
	/** The refusal's message for the whole form; with `form`, only a refusal tagged for that form (`refused`). */
	refusal(form?: string): string | undefined;
	/** The translated error of one field. */
	error(name: string): string | undefined;
	/** The value sent back for one field (after a refusal, or kept by a success). */
	value(name: string): string | undefined;
	/** All field errors (for components that take the whole map). */
	errors: FieldErrors;
	/** All values sent back (for components that take the whole map). */
	values: FieldValues;
	/** A further text field of the answer (`itemId`, `movedId` …), for actions whose extra fields are not typed. */
	text(name: string): string | undefined;
	/** The success answer with the action's extra fields, if the last action succeeded. */
	result: SuccessOf<F> | undefined;
	/** The refusal answer with the action's extra fields, if the last action was refused. */
	failure: FailureOf<F> | undefined;
}

function strings(value: unknown): Record<string, string> {
	if (value === null || typeof value !== 'object') return {};
	const result: Record<string, string> = {};
	for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') result[key] = entry;
	return result;
}

/**
 * Reads a page's `form` prop (its `ActionData`): success message by form tag, refusal, field errors and kept values.
 * Use it in a `$derived`: `const outcome = $derived(formState(form));`.
 */
export function formState<F extends object>(form: F | null | undefined): FormState<F> {
	const answer: Record<string, unknown> = form ? { ...form } : {};
	const succeeded = form != null && answer.done !== undefined && answer.done !== false;
	const done = succeeded ? (typeof answer.done === 'string' ? answer.done : '') : undefined;
	const message = typeof answer.message === 'string' && answer.message ? answer.message : undefined;
	const refusedFor = typeof answer.refused === 'string' ? answer.refused : undefined;
	const errors = strings(answer.errors);
	const values = strings(answer.values);
	return {
		done,
		success: (which) => (succeeded && (which === undefined || which === done) ? message : undefined),
		refusal: (which) => (form != null && !succeeded && which === refusedFor ? message : undefined),
		error: (name) => errors[name],
		value: (name) => values[name],
		text: (name) => (typeof answer[name] === 'string' ? answer[name] : undefined),
		errors,
		values,
		result: succeeded ? (form as SuccessOf<F>) : undefined,
		failure: form != null && !succeeded ? (form as FailureOf<F>) : undefined
	};
}
