import { describe, expect, it } from 'vitest';
import { termSchema } from './publication.schema';

describe('termSchema', () => {
	it('reads a named term with an open end, and all empty as no term', () => {
		expect(termSchema.parse({ name: ' Amtszeit 2025–2030 ', startsOn: '2025-11-01', endsOn: '' })).toEqual({
			name: 'Amtszeit 2025–2030',
			startsOn: '2025-11-01',
			endsOn: null
		});
		expect(termSchema.parse({ name: '', startsOn: '', endsOn: '' })).toEqual({
			name: null,
			startsOn: null,
			endsOn: null
		});
	});

	it('names the field that is wrong', () => {
		const fields = (input: Record<string, string>) =>
			termSchema.safeParse(input).error?.issues.map((issue) => issue.path[0]);
		expect(fields({ name: '', startsOn: '2025-01-01', endsOn: '' })).toEqual(['name']);
		expect(fields({ name: 'Amtszeit', startsOn: '', endsOn: '' })).toEqual(['startsOn']);
		expect(fields({ name: 'Amtszeit', startsOn: '2030-01-01', endsOn: '2025-01-01' })).toEqual(['endsOn']);
		expect(fields({ name: 'Amtszeit', startsOn: '2025-02-30', endsOn: '' })).toEqual(['startsOn']);
	});
});
