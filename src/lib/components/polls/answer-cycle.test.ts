import { describe, expect, it, vi } from 'vitest';

vi.mock('$app/forms', () => ({ deserialize: (text: string) => JSON.parse(text) }));
const { nextAnswer, pressedOf } = await import('./answer-cycle');

describe('poll cell cycle', () => {
	it('steps yes → if need be → no → yes, starting at yes', () => {
		expect(nextAnswer(undefined)).toBe('yes');
		expect(nextAnswer('yes')).toBe('maybe');
		expect(nextAnswer('maybe')).toBe('no');
		expect(nextAnswer('no')).toBe('yes');
	});

	it('maps the answer to a tri-state pressed value', () => {
		expect([pressedOf('yes'), pressedOf('maybe'), pressedOf('no'), pressedOf(undefined)]).toEqual([
			'true',
			'mixed',
			'false',
			'false'
		]);
	});
});
