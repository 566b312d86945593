import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadBoard } from './board';
import type { BoardContext } from '../boards/policy';
import { refusalOf } from './form';
import { isUuid } from '../common.schema';

// Page loads and GET endpoints: a service's refusal (403, 404, 409 …) becomes the app's error page in
// the reader's language; anything else (a redirect, an error page, a bug) passes unchanged.

type Locals = Pick<App.Locals, 'locale'>;

/** The service call(s) of a page load or a GET endpoint, with a refusal shown as the error page. */
export async function pageData<T>(locals: Locals, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (cause) {
		const { status, message } = refusalOf(cause, locals.locale);
		error(status, message);
	}
}

/**
 * A board page's load: the board the layout resolved (`parent()`: the layout shows the route guard's
 * refusal first), then the service call(s), a refusal shown as the error page.
 */
export async function boardPage<T>(
	event: { locals: Locals; parent: () => Promise<{ board: BoardContext }> },
	work: (board: BoardContext) => Promise<T>
): Promise<T> {
	const { board } = await event.parent();
	return pageData(event.locals, () => work(board));
}

/** A GET endpoint of a board (no layout runs for it): the board as the reader may see it, then the call. */
export async function boardResource<T>(
	event: { locals: App.Locals; params: { board: string } },
	work: (board: BoardContext) => Promise<T>
): Promise<T> {
	const board = await loadBoard(event.locals, event.params.board);
	return pageData(event.locals, () => work(board));
}

/** An id from the address: anything that is no uuid names nothing (404 page), before any query. */
export function idParam(locals: Locals, value: string): string {
	if (!isUuid(value)) error(404, translate(locals.locale, 'error.notFound'));
	return value;
}
