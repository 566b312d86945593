import { describe, expect, it } from 'vitest';
import { decisionsCsv } from './decision-csv';

describe('decisionsCsv', () => {
	it('writes a BOM, semicolons, quoted fields and CRLF', () => {
		expect(decisionsCsv(['Nr.', 'Titel'], [['2026/01', 'Straße "Nord"; Ausbau']])).toBe(
			'\uFEFF"Nr.";"Titel"\r\n"2026/01";"Straße ""Nord""; Ausbau"\r\n'
		);
	});
	it('defuses formulas', () => {
		expect(decisionsCsv(['a'], [['=SUM(1)']])).toContain(`"'=SUM(1)"`);
	});
});
