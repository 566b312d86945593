import { json } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';
import { refusalOf } from './form';

// JSON endpoints (+server.ts answering scripts): a refusal is `{ message }` with its status.

/** A service's refusal as JSON `{ message }` with 400/401/403/404/409/413/415; anything else is rethrown. */
export function jsonRefusal(error: unknown, locale: Locale, headers?: HeadersInit): Response {
	const { status, message } = refusalOf(error, locale);
	return json({ message }, { status, headers });
}

/** Runs a JSON endpoint's work; a service's refusal becomes `jsonRefusal`. */
export async function jsonEndpoint(
	locale: Locale,
	work: () => Promise<Response>,
	headers?: HeadersInit
): Promise<Response> {
	try {
		return await work();
	} catch (error) {
		return jsonRefusal(error, locale, headers);
	}
}
