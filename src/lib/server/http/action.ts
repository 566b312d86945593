import { redirect, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import type { ActionFailure as FailureData, FieldErrors, FieldValues } from '$lib/forms/action-result';
import { translate, type MessageKey } from '$lib/i18n';
import { loadBoard } from './board';
import { allowed, type Action, type BoardContext } from '../boards/policy';
import { forbidden } from '../errors';
import { formObject, parseForm, readForm, serviceFailure } from './form';

// Form actions. The usual one reads a form with its schema, makes one service call and answers with a
// translated confirmation tagged with `done` (which form succeeded) — or fails with the field errors
// (400, values kept) or the service's refusal (its status and message). Actions of a particular shape
// (uploads, repeated fields, several steps) run their own body inside `customBoardAction`/`customAction`,
// which resolve the board and answer a refusal the same way.

/** The answer of an action whose form was refused (the shared `ActionFailure` data): values back, field errors or one message. */
export type FormFailure =
	| ActionFailure<{ values: FieldValues; errors: FieldErrors } & FailureData>
	| ActionFailure<{ values: FieldValues; message: string } & FailureData>;

/**
 * The answer of an action that succeeded (the shared `ActionSuccess`): which form (`done`; `true` where a page
 * has one result area), the translated confirmation when there is one, and the action's extra fields.
 */
export type FormSuccess<D extends string | true, X extends object = object> = { done: D; message?: string } & X;

type Empty = z.ZodObject<Record<string, never>>;

interface ActionSpec<S extends z.ZodType, R, D extends string | true, X extends object, C> {
	event: { request: Request; locals: App.Locals };
	/** The form's schema; without one the form is not read. */
	schema?: S;
	/** Values the address gives (e.g. the paper id), set on the form before it is parsed. */
	fields?: Record<string, string>;
	/** The one service call. */
	run: (context: C, data: z.infer<S>, form: FormData | null) => Promise<R>;
	/** Which form succeeded, so the page shows the message beside it (`true` where one form is meant). */
	done: D;
	/** The confirmation: a message key, or a text made from the result. */
	message?: MessageKey | ((result: R, data: z.infer<S>) => string);
	/** Fields of the answer made from the result (a new id, a number …). */
	extra?: (result: R, data: z.infer<S>) => X;
	/** Values given back with the service's refusal: the whole form, or those picked from the data. */
	keep?: 'form' | ((data: z.infer<S>) => Record<string, string>);
	/** Where to go after success (303) instead of answering. */
	redirect?: (result: R, context: C, data: z.infer<S>) => string;
}

export interface BoardActionSpec<S extends z.ZodType, R, D extends string | true, X extends object> extends ActionSpec<
	S,
	R,
	D,
	X,
	BoardContext
> {
	event: { request: Request; locals: App.Locals; params: { board: string } };
	/** A policy action the person must be allowed in the board, beyond the route's rule in hooks.server.ts. */
	policy?: Action;
}

async function perform<S extends z.ZodType, R, D extends string | true, X extends object, C>(
	spec: ActionSpec<S, R, D, X, C>,
	context: C
): Promise<FormFailure | FormSuccess<D, X>> {
	const { locale } = spec.event.locals;
	const form = spec.schema ? await readForm(spec.event.request, locale) : null;
	for (const [name, value] of Object.entries(spec.fields ?? {})) form?.set(name, value);
	const schema = (spec.schema ?? z.object({})) as S | Empty;
	const parsed = parseForm(schema, form ?? new FormData(), locale);
	if (!parsed.ok) return parsed.failure;
	const data = parsed.data as z.infer<S>;
	let result: R;
	try {
		result = await spec.run(context, data, form);
	} catch (error) {
		const values = spec.keep === 'form' ? formObject(form ?? new FormData()) : (spec.keep?.(data) ?? {});
		return serviceFailure(error, locale, values);
	}
	if (spec.redirect) redirect(303, spec.redirect(result, context, data));
	const message =
		typeof spec.message === 'function' ? spec.message(result, data) : spec.message && translate(locale, spec.message);
	return {
		done: spec.done,
		...(message === undefined ? {} : { message }),
		...(spec.extra?.(result, data) ?? ({} as X))
	} as FormSuccess<D, X>;
}

/** The usual form action on a board page (actions do not run the layout's load: the board is resolved here). */
export async function boardFormAction<
	S extends z.ZodType = Empty,
	R = unknown,
	D extends string | true = string,
	X extends object = object
>(spec: BoardActionSpec<S, R, D, X>): Promise<FormFailure | FormSuccess<D, X>> {
	const { locals, params } = spec.event;
	const board = await loadBoard(locals, params.board);
	if (spec.policy && !allowed(board, spec.policy)) return serviceFailure(forbidden(), locals.locale);
	return perform(spec, board);
}

/** The usual form action outside a board (sign-in, profile, administration). */
export async function formAction<
	S extends z.ZodType = Empty,
	R = unknown,
	D extends string | true = string,
	X extends object = object
>(spec: ActionSpec<S, R, D, X, App.Locals>): Promise<FormFailure | FormSuccess<D, X>> {
	return perform(spec, spec.event.locals);
}

/** A board form action of a particular shape: the board resolved, a service's refusal as `fail(status, { values, message })`. */
export async function customBoardAction<T>(
	event: { locals: App.Locals; params: { board: string } },
	body: (board: BoardContext) => Promise<T>,
	values: Record<string, string> = {}
) {
	const board = await loadBoard(event.locals, event.params.board);
	return customAction(event.locals, () => body(board), values);
}

/** A form action of a particular shape outside a board: a service's refusal as `fail(status, { values, message })`. */
export async function customAction<T>(locals: App.Locals, body: () => Promise<T>, values: Record<string, string> = {}) {
	try {
		return await body();
	} catch (error) {
		return serviceFailure(error, locals.locale, values);
	}
}
