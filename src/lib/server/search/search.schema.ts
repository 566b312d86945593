import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';
import { isCalendarDate } from '../common.schema';
import { SEARCH_KINDS, type SearchInput, type SearchKind } from '$lib/types/search.types';

export const MAX_QUERY_LENGTH = 200;
/** The most results one search shows. */
export const MAX_RESULTS = 50;

// Messages are i18n keys: the page shows exactly why a search was refused, in the person's language.
const isoDate = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || undefined)
	.refine((v) => v === undefined || isCalendarDate(v), { message: 'search.error.date' satisfies MessageKey });

export const searchSchema = z
	.object({
		q: z
			.string({ message: 'search.error.empty' satisfies MessageKey })
			.trim()
			.min(1, { message: 'search.error.empty' satisfies MessageKey })
			.max(MAX_QUERY_LENGTH, { message: 'search.error.tooLong' satisfies MessageKey }),
		kinds: z
			.array(z.enum(SEARCH_KINDS, { message: 'search.error.kind' satisfies MessageKey }))
			.max(SEARCH_KINDS.length)
			.default([]),
		from: isoDate,
		to: isoDate
	})
	.refine((v) => !v.from || !v.to || v.from <= v.to, {
		message: 'search.error.range' satisfies MessageKey,
		path: ['to']
	});

export type ParsedSearch = { ok: true; input: SearchInput } | { ok: false; errors: MessageKey[] };

/** A search from raw values (URL parameters or a service call): valid input or the refusal messages. */
export function parseSearch(raw: { q?: unknown; kinds?: unknown; from?: unknown; to?: unknown }): ParsedSearch {
	const result = searchSchema.safeParse({ ...raw, q: raw.q ?? '' });
	if (result.success)
		return { ok: true, input: { ...result.data, kinds: [...new Set(result.data.kinds)] as SearchKind[] } };
	const errors = [...new Set(result.error.issues.map((issue) => issue.message as MessageKey))];
	return { ok: false, errors };
}

/** The values of a search page address (`?q=…&kind=paper&kind=file&from=…&to=…`). */
export function searchParamsOf(params: URLSearchParams) {
	return {
		q: params.get('q') ?? undefined,
		kinds: params.getAll('kind').filter(Boolean),
		from: params.get('from') ?? undefined,
		to: params.get('to') ?? undefined
	};
}
