import { describe, expect, it } from 'vitest';
import { chartGeometry, niceTicks } from './chart';

describe('indicator chart geometry', () => {
	it('places values left to right in time and higher values higher', () => {
		const g = chartGeometry({
			values: [
				{ observedOn: '2022-12-31', value: 100 },
				{ observedOn: '2024-12-31', value: 120 }
			],
			target: 150,
			targetOn: '2030-12-31',
			baseline: 100,
			width: 600,
			height: 300
		});
		expect(g.points).toHaveLength(2);
		expect(g.points[0]!.x).toBeLessThan(g.points[1]!.x);
		expect(g.points[0]!.y).toBeGreaterThan(g.points[1]!.y);
		expect(g.target!.x).toBe(584);
		expect(g.target!.y).toBeLessThan(g.points[1]!.y);
		expect(g.years.map((y) => y.year)).toEqual(['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
	});

	it('draws nothing without figures', () => {
		expect(
			chartGeometry({ values: [], target: null, targetOn: null, baseline: null, width: 600, height: 300 }).line
		).toBe('');
	});

	it('picks round steps', () => {
		expect(niceTicks(0, 100)).toEqual([0, 25, 50, 75, 100]);
		expect(niceTicks(6.1, 7.9)).toEqual([6, 6.5, 7, 7.5, 8]);
	});
});
