import { describe, expect, it } from 'vitest';
import type { ActionResult } from './action-result';
import { formState } from './form-state';

describe('formState', () => {
	it('reads nothing before any action', () => {
		const state = formState(null as ActionResult | null);
		expect(state.done).toBeUndefined();
		expect(state.success()).toBeUndefined();
		expect(state.refusal()).toBeUndefined();
		expect(state.error('title')).toBeUndefined();
		expect(state.value('title')).toBeUndefined();
		expect(state.errors).toEqual({});
		expect(state.values).toEqual({});
		expect(state.result).toBeUndefined();
		expect(state.failure).toBeUndefined();
	});

	it('gives the confirmation of the form that succeeded, and only of that one', () => {
		const state = formState<ActionResult>({ done: 'invite', message: 'Eingeladen' });
		expect(state.done).toBe('invite');
		expect(state.success()).toBe('Eingeladen');
		expect(state.success('invite')).toBe('Eingeladen');
		expect(state.success('role')).toBeUndefined();
		expect(state.refusal()).toBeUndefined();
		expect(state.failure).toBeUndefined();
	});

	it('keeps the extra fields of a success', () => {
		const state = formState<ActionResult<{ itemId: string }>>({ done: 'move', message: 'Verschoben', itemId: 'a1' });
		expect(state.result?.itemId).toBe('a1');
	});

	it('reads further text fields of an untyped answer', () => {
		const state = formState({ done: true, movedId: 'b2', count: 3 } as Record<string, unknown>);
		expect(state.text('movedId')).toBe('b2');
		expect(state.text('count')).toBeUndefined();
		expect(state.text('missing')).toBeUndefined();
	});

	it('treats an untagged success (done: true) as a success without a tag', () => {
		const state = formState({ done: true, message: 'Gespeichert' });
		expect(state.done).toBe('');
		expect(state.success()).toBe('Gespeichert');
		expect(state.success('save')).toBeUndefined();
	});

	it('a success without a message confirms nothing but is still a success', () => {
		const state = formState<ActionResult>({ done: 'resolve' } as ActionResult);
		expect(state.done).toBe('resolve');
		expect(state.success('resolve')).toBeUndefined();
		expect(state.refusal()).toBeUndefined();
	});

	it('reads a refusal: its message, field errors and kept values', () => {
		const state = formState<ActionResult>({
			message: 'Nicht erlaubt',
			errors: { title: 'Pflichtfeld' },
			values: { title: '', place: 'Hamm' }
		});
		expect(state.done).toBeUndefined();
		expect(state.success()).toBeUndefined();
		expect(state.refusal()).toBe('Nicht erlaubt');
		expect(state.error('title')).toBe('Pflichtfeld');
		expect(state.error('place')).toBeUndefined();
		expect(state.value('place')).toBe('Hamm');
		expect(state.value('title')).toBe('');
		expect(state.failure).toBeDefined();
	});

	it('a refusal without a message has field errors only', () => {
		const state = formState<ActionResult>({ errors: { email: 'Ungültig' }, values: { email: 'x' } });
		expect(state.refusal()).toBeUndefined();
		expect(state.error('email')).toBe('Ungültig');
	});

	it('a refusal tagged for one form shows only beside that form', () => {
		const state = formState<ActionResult>({ refused: 'notifications', message: 'Ungültig' });
		expect(state.refusal()).toBeUndefined();
		expect(state.refusal('notifications')).toBe('Ungültig');
		expect(state.refusal('profile')).toBeUndefined();
	});

	it('keeps values a success sends back', () => {
		const state = formState<ActionResult<{ values: Record<string, string> }>>({
			done: 'magic',
			message: 'Gesendet',
			values: { email: 'a@b.de' }
		});
		expect(state.value('email')).toBe('a@b.de');
	});

	it('ignores values and errors that are not strings', () => {
		const state = formState({ errors: { a: 'x', b: 3 }, values: { c: ['y'], d: 'z' } });
		expect(state.errors).toEqual({ a: 'x' });
		expect(state.values).toEqual({ d: 'z' });
	});
});
