import { describe, expect, it } from 'vitest';
import {
	groupByPart,
	inPart,
	moveBefore,
	moveStep,
	numberAgenda,
	planAgenda,
	setLevel,
	type OrderEntry,
	type PartEntry
} from './agenda-plan';

const order = (spec: string): OrderEntry[] =>
	spec.split(' ').map((token) => ({ id: token.replace('-', ''), isSubItem: token.startsWith('-') }));
const show = (entries: OrderEntry[] | null) =>
	entries && entries.map((e) => `${e.isSubItem ? '-' : ''}${e.id}`).join(' ');

describe('planAgenda', () => {
	it('numbers top-level items and sub-items from the order and runs the clock', () => {
		const items = [
			{ id: 'a', isSubItem: false, isPublic: true, plannedMinutes: 5 },
			{ id: 'b', isSubItem: false, isPublic: true, plannedMinutes: 0 },
			{ id: 'c', isSubItem: true, isPublic: true, plannedMinutes: 20 },
			{ id: 'd', isSubItem: true, isPublic: true, plannedMinutes: 10 },
			{ id: 'e', isSubItem: false, isPublic: true, plannedMinutes: 15 }
		];
		const plan = planAgenda(items, new Date('2026-12-10T13:00:00Z'));
		expect(plan.map((p) => p.number)).toEqual(['Ö 1', 'Ö 2', 'Ö 2.1', 'Ö 2.2', 'Ö 3']);
		expect(plan.map((p) => p.startsAt.toISOString().slice(11, 16))).toEqual([
			'13:00',
			'13:05',
			'13:05',
			'13:25',
			'13:35'
		]);
		expect(plan.at(-1)!.endsAt.toISOString().slice(11, 16)).toBe('13:50');
		expect(plan.map((p) => p.parentId)).toEqual([null, null, 'b', 'b', null]);
	});

	it('never numbers a leading sub-item "0.1"', () => {
		expect(planAgenda([{ id: 'a', isSubItem: true, isPublic: true, plannedMinutes: 1 }], new Date(0))[0]).toMatchObject(
			{ number: 'Ö 1', isSubItem: false }
		);
		expect(
			numberAgenda([
				{ id: 'a', isSubItem: false, isPublic: true },
				{ id: 'n', isSubItem: true, isPublic: false }
			])[1]
		).toMatchObject({ number: 'N 1', isSubItem: false });
	});

	// The office's order interleaves the parts: the meeting still runs the public part first.
	const office = [
		{ id: 'open', isSubItem: false, isPublic: true, plannedMinutes: 5 },
		{ id: 'land', isSubItem: false, isPublic: false, plannedMinutes: 15 },
		{ id: 'land-1', isSubItem: true, isPublic: false, plannedMinutes: 10 },
		{ id: 'budget', isSubItem: false, isPublic: true, plannedMinutes: 20 },
		{ id: 'budget-1', isSubItem: true, isPublic: true, plannedMinutes: 10 },
		{ id: 'staff', isSubItem: false, isPublic: false, plannedMinutes: 10 },
		{ id: 'other', isSubItem: false, isPublic: true, plannedMinutes: 10 }
	];
	const start = new Date('2026-12-10T16:00:00Z');
	const row = (p: { number: string; id: string; startsAt: Date }) =>
		`${p.number} ${p.id} ${p.startsAt.toISOString().slice(11, 16)}`;

	it('numbers the public part (Ö) and the non-public part (N) separately and runs one plan, public part first', () => {
		expect(planAgenda(office, start).map(row)).toEqual([
			'Ö 1 open 16:00',
			'Ö 2 budget 16:05',
			'Ö 2.1 budget-1 16:25',
			'Ö 3 other 16:35',
			'N 1 land 16:45',
			'N 1.1 land-1 17:00',
			'N 2 staff 17:10'
		]);
		expect(planAgenda(office, start).at(-1)!.endsAt.toISOString().slice(11, 16)).toBe('17:20');
	});

	it('gives a reader of the public part alone the same numbers and times', () => {
		const everyone = planAgenda(office, start)
			.filter((p) => p.isPublic)
			.map(row);
		expect(
			planAgenda(
				office.filter((i) => i.isPublic),
				start
			).map(row)
		).toEqual(everyone);
	});

	it('keeps a public sub-item after a non-public item in the public part, under the public item before it', () => {
		const items = [
			{ id: 'a', isSubItem: false, isPublic: true },
			{ id: 'n', isSubItem: false, isPublic: false },
			{ id: 'a1', isSubItem: true, isPublic: true }
		];
		expect(numberAgenda(items).map((p) => `${p.number} ${p.id} ${p.parentId}`)).toEqual([
			'Ö 1 a null',
			'Ö 1.1 a1 a',
			'N 1 n null'
		]);
		expect(numberAgenda(items.filter((i) => i.isPublic)).map((p) => p.number)).toEqual(['Ö 1', 'Ö 1.1']);
	});
});

describe('moves within a part', () => {
	const parts = (spec: string): PartEntry[] =>
		spec.split(' ').map((token) => ({
			id: token.replace(/[-*]/g, ''),
			isSubItem: token.includes('-'),
			isPublic: !token.includes('*')
		}));

	it('stores the public part first and each part with a top-level first item', () => {
		expect(show(groupByPart(parts('a -*n b -*n1 -c')))).toBe('a b -c n -n1');
	});

	it("moves and indents only within the item's own part", () => {
		expect(show(inPart(parts('a *n b'), 'b', (part) => moveStep(part, 'b', 'up')))).toBe('b a n');
		expect(inPart(parts('a b *n'), 'b', (part) => moveStep(part, 'b', 'down'))).toBeNull();
		expect(inPart(parts('a *n'), 'n', (part) => moveStep(part, 'n', 'up'))).toBeNull();
		expect(inPart(parts('a *n *m'), 'm', (part) => moveBefore(part, 'm', 'a'))).toBeNull();
		expect(show(inPart(parts('a *n *m'), 'n', (part) => moveBefore(part, 'n', null)))).toBe('a m n');
		expect(inPart(parts('a *n'), 'n', (part) => setLevel(part, 'n', true))).toBeNull();
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
