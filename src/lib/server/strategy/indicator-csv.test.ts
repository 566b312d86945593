import { describe, expect, it } from 'vitest';
import { importable, parseDay, parseIndicatorCsv, parseNumber } from './indicator-csv';

const context = { unit: 'Personen', existing: new Set(['2020-12-31']) };

describe('indicator CSV', () => {
	it('reads a German Excel file: semicolons, decimal comma, thousands dots, BOM, dates of three kinds', () => {
		const parsed = parseIndicatorCsv(
			'\uFEFFDatum;Wert;Einheit\r\n2021;84.512;Personen\r\n30.06.2022;85.100,5;\r\n2023-12-31;86000;personen\r\n',
			context
		);
		expect(parsed.fileError).toBeNull();
		expect(parsed.rows.map((r) => [r.observedOn, r.value])).toEqual([
			['2021-12-31', 84512],
			['2022-06-30', 85100.5],
			['2023-12-31', 86000]
		]);
		expect(importable(parsed)).toBe(true);
	});

	it('reads a comma-separated file with a decimal point and quoted cells', () => {
		const parsed = parseIndicatorCsv('value,date\n"6.4",2024-03-31\n', { unit: '%', existing: new Set() });
		expect(parsed.rows).toEqual([{ line: 2, observedOn: '2024-03-31', value: 6.4, unit: '', errors: [] }]);
	});

	it('names every error of every row: bad numbers, wrong unit, impossible dates, duplicates', () => {
		const parsed = parseIndicatorCsv(
			'date;value;unit\n2021-02-30;12;Personen\n2022;zwölf;Euro\n2022;13;Personen\n2020;1;Personen\n',
			context
		);
		expect(parsed.rows.map((r) => [r.line, r.errors])).toEqual([
			[2, ['strategy.import.error.date']],
			[3, ['strategy.import.error.number', 'strategy.import.error.unit']],
			[4, ['strategy.import.error.duplicate']],
			[5, ['strategy.import.error.existing']]
		]);
		expect(importable(parsed)).toBe(false);
	});

	it('refuses a file without the needed columns or without rows', () => {
		expect(parseIndicatorCsv('when;how much\n2021;1\n', context).fileError).toBe('strategy.import.error.header');
		expect(parseIndicatorCsv('date;value\n\n', context).fileError).toBe('strategy.import.error.empty');
		expect(parseIndicatorCsv('', context).fileError).toBe('strategy.import.error.empty');
	});

	it('keeps the two number conventions apart', () => {
		expect(parseNumber('1.234', ';')).toBe(1234);
		expect(parseNumber('1.234', ',')).toBe(1.234);
		expect(parseNumber('1,5', ',')).toBeNull();
		expect(parseNumber('12.34', ';')).toBeNull();
		expect(parseNumber('-3,25', ';')).toBe(-3.25);
		expect(parseNumber('', ';')).toBeNull();
	});

	it('accepts only days that exist', () => {
		expect(parseDay('29.02.2024')).toBe('2024-02-29');
		expect(parseDay('29.02.2023')).toBeNull();
		expect(parseDay('2024/01/01')).toBeNull();
	});
});
