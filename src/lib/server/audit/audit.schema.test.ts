import { describe, expect, it } from 'vitest';
import { parseAuditFilter } from './audit.schema';

describe('parseAuditFilter', () => {
	it('drops days that do not exist and ids that are no uuid, keeps the rest of the filter', () => {
		const filter = parseAuditFilter(
			new URLSearchParams('from=9999-99-99&to=2026-02-31&person=abc&board=xyz&kind=papers&q=Haushalt')
		);
		expect(filter).toEqual({ kind: 'papers', q: 'Haushalt' });
	});

	it('keeps valid days and ids', () => {
		const filter = parseAuditFilter(
			new URLSearchParams('from=2026-02-28&to=2026-03-01&person=00000000-0000-4000-8000-0000000000a1')
		);
		expect(filter).toEqual({ from: '2026-02-28', to: '2026-03-01', person: '00000000-0000-4000-8000-0000000000a1' });
	});
});
