import { describe, expect, it } from 'vitest';
import { moveBefore, moveStep, planAgenda, setLevel, type OrderEntry } from './agenda-plan';

const order = (spec: string): OrderEntry[] => spec.split(' ').map((token) => ({ id: token.replace('-', ''), isSubItem: token.startsWith('-') }));
const show = (entries: OrderEntry[] | null) => entries && entries.map((e) => `${e.isSubItem ? '-' : ''}${e.id}`).join(' ');

describe('planAgenda', () => {
	it('numbers top-level items and sub-items from the order and runs the clock', () => {
		const items = [
			{ id: 'a', isSubItem: false, plannedMinutes: 5 },
			{ id: 'b', isSubItem: false, plannedMinutes: 0 },
			{ id: 'c', isSubItem: true, plannedMinutes: 20 },
			{ id: 'd', isSubItem: true, plannedMinutes: 10 },
			{ id: 'e', isSubItem: false, plannedMinutes: 15 }
		];
		const plan = planAgenda(items, new Date('2026-12-10T13:00:00Z'));
		expect(plan.map((p) => p.number)).toEqual(['1', '2', '2.1', '2.2', '3']);
		expect(plan.map((p) => p.startsAt.toISOString().slice(11, 16))).toEqual(['13:00', '13:05', '13:05', '13:25', '13:35']);
		expect(plan.at(-1)!.endsAt.toISOString().slice(11, 16)).toBe('13:50');
		expect(plan.map((p) => p.parentId)).toEqual([null, null, 'b', 'b', null]);
	});

	it('never numbers a leading sub-item "0.1"', () => {
		expect(planAgenda([{ id: 'a', isSubItem: true, plannedMinutes: 1 }], new Date(0))[0]).toMatchObject({ number: '1', isSubItem: false });
	});
});

describe('moves', () => {
	it('moves a top-level item with its sub-items past the neighbouring block', () => {
		expect(show(moveStep(order('a -a1 b -b1 c'), 'b', 'up'))).toBe('b -b1 a -a1 c');
		expect(show(moveStep(order('a -a1 b -b1 c'), 'a', 'down'))).toBe('b -b1 a -a1 c');
		expect(moveStep(order('a b'), 'a', 'up')).toBeNull();
		expect(moveStep(order('a b'), 'b', 'down')).toBeNull();
	});

	it('moves a sub-item across block borders into the neighbouring item', () => {
		expect(show(moveStep(order('a -a1 b -b1'), 'a1', 'down'))).toBe('a b -a1 -b1');
		expect(show(moveStep(order('a -a1 b -b1'), 'b1', 'up'))).toBe('a -a1 -b1 b');
		expect(moveStep(order('a -a1'), 'a1', 'up')).toBeNull();
	});

	it('drops an item (with its sub-items) before another, or at the end', () => {
		expect(show(moveBefore(order('a -a1 b c'), 'a', 'c'))).toBe('b a -a1 c');
		expect(show(moveBefore(order('a b c'), 'a', null))).toBe('b c a');
		expect(moveBefore(order('a -a1 b'), 'a', 'a1')).toBeNull();
		expect(show(moveBefore(order('a b -b1'), 'b1', 'a'))).toBe('b1 a b');
	});

	it('indents and outdents, keeping the first item top-level', () => {
		expect(show(setLevel(order('a b c'), 'b', true))).toBe('a -b c');
		expect(show(setLevel(order('a -b c'), 'b', false))).toBe('a b c');
		expect(setLevel(order('a b'), 'a', true)).toBeNull();
		expect(setLevel(order('a b'), 'b', false)).toBeNull();
	});
});
