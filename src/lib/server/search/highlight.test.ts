import { describe, expect, it } from 'vitest';
import { toSegments } from './highlight';
import { MARK_START as S, MARK_STOP as E } from './search.repository';

describe('toSegments', () => {
	it('splits highlights into marked and plain segments', () => {
		expect(toSegments(`Die ${S}Gründung${E} eines ${S}Zentrums${E}.`)).toEqual([
			{ text: 'Die ', hit: false },
			{ text: 'Gründung', hit: true },
			{ text: ' eines ', hit: false },
			{ text: 'Zentrums', hit: true },
			{ text: '.', hit: false }
		]);
	});

	it('keeps markup from the database as plain text', () => {
		expect(toSegments(`<img src=x onerror=alert(1)> ${S}Logistik${E}`)).toEqual([
			{ text: '<img src=x onerror=alert(1)> ', hit: false },
			{ text: 'Logistik', hit: true }
		]);
	});

	it('joins neighbouring segments and drops empty or stray markers', () => {
		expect(toSegments(`${S}Fach${E}${S}kräfte${E}`)).toEqual([{ text: 'Fachkräfte', hit: true }]);
		expect(toSegments(`a${E}b`)).toEqual([{ text: 'ab', hit: false }]);
		expect(toSegments('')).toEqual([]);
	});
});
