import { describe, expect, it } from 'vitest';
import { nextDirection, sortRows } from './data-table';

interface Row {
	id: number;
	name: string | null;
	due?: Date | null;
	size?: number;
}

const rows: Row[] = [
	{ id: 1, name: 'Zentrum', size: 10 },
	{ id: 2, name: 'Ärztehaus', size: 2 },
	{ id: 3, name: null, size: 5 },
	{ id: 4, name: 'apfel', size: 2 }
];

describe('sortRows', () => {
	it('orders text by the reader’s language, ignoring case and accents', () => {
		expect(sortRows(rows, (row) => row.name, 'ascending', 'de').map((row) => row.id)).toEqual([4, 2, 1, 3]);
	});

	it('keeps empty values last in both directions', () => {
		expect(sortRows(rows, (row) => row.name, 'descending', 'de').map((row) => row.id)).toEqual([1, 2, 4, 3]);
	});

	it('compares numbers by value and keeps the given order of equal values', () => {
		expect(sortRows(rows, (row) => row.size, 'ascending', 'de').map((row) => row.id)).toEqual([2, 4, 3, 1]);
		expect(sortRows(rows, (row) => row.size, 'descending', 'de').map((row) => row.id)).toEqual([1, 3, 2, 4]);
	});

	it('compares numbers inside text by value (decision numbers)', () => {
		const numbers = ['2026/10', '2025/03', '2026/7'].map((number, id) => ({ id, name: number }));
		expect(sortRows(numbers, (row) => row.name, 'ascending', 'en').map((row) => row.name)).toEqual([
			'2025/03',
			'2026/7',
			'2026/10'
		]);
	});

	it('compares dates by time', () => {
		const dated: Row[] = [
			{ id: 1, name: 'a', due: new Date('2026-03-01T10:00:00Z') },
			{ id: 2, name: 'b', due: null },
			{ id: 3, name: 'c', due: new Date('2025-12-31T23:00:00Z') }
		];
		expect(sortRows(dated, (row) => row.due, 'ascending', 'de').map((row) => row.id)).toEqual([3, 1, 2]);
	});

	it('leaves the given rows as they are', () => {
		const given = [...rows];
		sortRows(rows, (row) => row.name, 'ascending', 'de');
		expect(rows).toEqual(given);
	});
});

describe('nextDirection', () => {
	it('starts ascending and then toggles', () => {
		expect(nextDirection(undefined)).toBe('ascending');
		expect(nextDirection('ascending')).toBe('descending');
		expect(nextDirection('descending')).toBe('ascending');
	});
});
