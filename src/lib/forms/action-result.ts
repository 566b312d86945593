/**
 * What a form action answers — the one shape every action returns and every page reads (through `formState`).
 *
 * - Success: `done` names the form that succeeded (a page with several forms shows the message beside that one),
 *   `message` is the translated confirmation. An action may add fields the page reads (`itemId`, `number`, …).
 * - Refusal (the data of `fail(status, …)`): the `values` sent back so the form keeps them, translated field
 *   `errors` by field name, and/or a `message` for the whole form. An action may add fields here too.
 */

/** Values sent back after a refusal, by field name (passwords are never sent back). */
export type FieldValues = Record<string, string>;

/** Translated field errors, one per field name. */
export type FieldErrors = Record<string, string>;

/** A successful action: which form succeeded and its translated confirmation. */
export interface ActionSuccess {
	done: string;
	message: string;
}

/** The data of a refused action (`fail(status, data)`). */
export interface ActionFailure {
	values?: FieldValues;
	errors?: FieldErrors;
	message?: string;
	/** Which form was refused, when the page shows the refusal beside that form rather than at the top. */
	refused?: string;
}

/** What an action answers; `Extra` are further fields the page reads (e.g. `{ itemId: string }`). */
export type ActionResult<Extra extends object = object> = (ActionSuccess & Extra) | ActionFailure;
