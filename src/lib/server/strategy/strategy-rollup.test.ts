import { describe, expect, it } from 'vitest';
import { countStatuses, progressOf, sumProgress } from './strategy-rollup';

describe('strategy roll-up', () => {
	it('counts done tasks of those not dropped', () => {
		expect(progressOf(['done', 'open', 'in_progress', 'dropped'])).toEqual({ done: 1, total: 3, percent: 33 });
		expect(progressOf(['done', 'done'])).toEqual({ done: 2, total: 2, percent: 100 });
	});

	it('has no percentage without tasks that count', () => {
		expect(progressOf([])).toEqual({ done: 0, total: 0, percent: null });
		expect(progressOf(['dropped'])).toEqual({ done: 0, total: 0, percent: null });
	});

	it('weights each task once when summing measures into goals and fields', () => {
		const big = progressOf(['done', 'done', 'done', 'open']);
		const small = progressOf(['open']);
		expect(sumProgress([big, small])).toEqual({ done: 3, total: 5, percent: 60 });
		expect(sumProgress([])).toEqual({ done: 0, total: 0, percent: null });
	});

	it('counts measures per status, every status present', () => {
		expect(countStatuses(['running', 'running', 'done'])).toEqual({ planned: 0, running: 2, done: 1, stopped: 0 });
	});
});
