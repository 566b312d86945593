import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

/**
 * The sending state of one enhanced form: `active` while the request runs (the submit button shows it
 * and is disabled), and a second submit meanwhile (double click, Enter twice) is cancelled in the browser.
 * The server's one-time form token still catches repeats that get through (no JavaScript, two tabs).
 */
export class Pending {
	active = $state(false);

	/**
	 * A `use:enhance` callback: `reset: false` keeps the values; `after` runs with the result
	 * (e.g. to move focus) once the page has been updated.
	 */
	enhance(options: { reset?: boolean; after?: (result: ActionResult) => void | Promise<void> } = {}): SubmitFunction {
		return ({ cancel }) => {
			if (this.active) return cancel();
			this.active = true;
			return async ({ update, result }) => {
				try {
					await update({ reset: options.reset ?? true });
					await options.after?.(result);
				} finally {
					this.active = false;
				}
			};
		};
	}
}
