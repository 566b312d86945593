import { z } from 'zod';
import { DECISION_KINDS } from '$lib/types/decision.types';
import type { ResolutionFilters } from '$lib/types/citizens.types';

// The citizens' pages' input from the address (#14): search and filters of the resolutions, a resolution's
// number. Anything malformed is refused before a query (400, or 404 for an address that names nothing).

const empty = (value: unknown) => (value === '' || value === null ? undefined : value);

export const resolutionFiltersSchema = z.object({
	q: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(200)).default(''),
	year: z.preprocess(empty, z.coerce.number().int().min(2000).max(2100).optional()),
	kind: z.preprocess(empty, z.enum(DECISION_KINDS).optional()),
	page: z.preprocess(empty, z.coerce.number().int().min(1).max(10_000).optional())
});

/** The filters of `?q=&year=&kind=&page=`, or null when one of them is malformed. */
export function parseResolutionFilters(params: URLSearchParams): ResolutionFilters | null {
	const parsed = resolutionFiltersSchema.safeParse({
		q: params.get('q') ?? undefined,
		year: params.get('year'),
		kind: params.get('kind'),
		page: params.get('page')
	});
	if (!parsed.success) return null;
	return {
		q: parsed.data.q,
		year: parsed.data.year ?? null,
		kind: parsed.data.kind ?? null,
		page: parsed.data.page ?? 1
	};
}
