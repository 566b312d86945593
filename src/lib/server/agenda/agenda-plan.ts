import type { AgendaPart } from '$lib/types/agenda.types';

/** An item's place in the flat order: a sub-item belongs to the nearest top-level item before it. */
export interface OrderEntry {
	id: string;
	isSubItem: boolean;
}

/** The part's letter in every number: the same for every reader and every language, as in the record. */
export const PART_PREFIX: Record<AgendaPart, string> = { public: 'Ö', nonPublic: 'N' };

export interface PartEntry extends OrderEntry {
	isPublic: boolean;
}

export interface PlannedEntry extends PartEntry {
	plannedMinutes: number;
}

export interface NumberRow {
	/** "Ö 1", "Ö 1.1", "N 1": derived from the order within the item's part, never stored. */
	number: string;
	part: AgendaPart;
	/** The top-level item (of the same part) a sub-item belongs to. */
	parentId: string | null;
}

export interface PlanRow extends NumberRow {
	/** The item's planned start: the meeting's start plus every earlier item's minutes (meeting order). */
	startsAt: Date;
	endsAt: Date;
}

export const partOf = (item: { isPublic: boolean }): AgendaPart => (item.isPublic ? 'public' : 'nonPublic');

/**
 * The meeting's order: the whole public part, then the whole non-public part, each in the office's
 * order. A reader who sees only the public part therefore sees the same positions and start times.
 */
export function meetingOrder<T extends { isPublic: boolean }>(items: readonly T[]): T[] {
	return [...items.filter((item) => item.isPublic), ...items.filter((item) => !item.isPublic)];
}

/**
 * The one numbering of an agenda, used by every view, mail, file and the minutes. Each part counts on
 * its own, from its own items only; a part's first item is always top-level (never "N 0.1").
 */
export function numberAgenda<T extends PartEntry>(items: readonly T[]): (T & NumberRow)[] {
	const counters = { public: { top: 0, sub: 0, parentId: '' }, nonPublic: { top: 0, sub: 0, parentId: '' } };
	return meetingOrder(items).map((item) => {
		const part = partOf(item);
		const count = counters[part];
		const isSub = item.isSubItem && count.top > 0;
		if (isSub) count.sub += 1;
		else {
			count.top += 1;
			count.sub = 0;
			count.parentId = item.id;
		}
		const number = `${PART_PREFIX[part]} ${count.top}${isSub ? `.${count.sub}` : ''}`;
		return { ...item, isSubItem: isSub, number, part, parentId: isSub ? count.parentId : null };
	});
}

/** Numbering and one running time plan over the whole meeting, public part first. */
export function planAgenda<T extends PlannedEntry>(items: readonly T[], meetingStart: Date): (T & PlanRow)[] {
	let clock = meetingStart.getTime();
	return numberAgenda(items).map((item) => {
		const startsAt = new Date(clock);
		clock += item.plannedMinutes * 60_000;
		return { ...item, startsAt, endsAt: new Date(clock) };
	});
}

/** The first item is always top-level. */
export function normalise(order: readonly OrderEntry[]): OrderEntry[] {
	return order.map((entry, index) => ({ id: entry.id, isSubItem: index === 0 ? false : entry.isSubItem }));
}

/** Index range [start, end) of the item and, for a top-level item, its sub-items. */
function blockOf(order: readonly OrderEntry[], index: number): [number, number] {
	if (order[index]!.isSubItem) return [index, index + 1];
	let end = index + 1;
	while (end < order.length && order[end]!.isSubItem) end += 1;
	return [index, end];
}

function startOfPreviousBlock(order: readonly OrderEntry[], index: number): number {
	let start = index - 1;
	while (start > 0 && order[start]!.isSubItem) start -= 1;
	return start;
}

/**
 * One step up or down. A top-level item moves with its sub-items past the neighbouring block; a
 * sub-item moves past its neighbour and so may move into the neighbouring item's sub-items.
 * Returns null when the item cannot move further.
 */
export function moveStep(order: readonly OrderEntry[], id: string, direction: 'up' | 'down'): OrderEntry[] | null {
	const index = order.findIndex((entry) => entry.id === id);
	if (index < 0) return null;
	const list = [...order];
	const [start, end] = blockOf(list, index);
	const block = list.slice(start, end);
	if (direction === 'up') {
		if (start === 0) return null;
		const target = block[0]!.isSubItem ? start - 1 : startOfPreviousBlock(list, start);
		if (block[0]!.isSubItem && target === 0) return null;
		list.splice(start, block.length);
		list.splice(target, 0, ...block);
	} else {
		if (end >= list.length) return null;
		const [, nextEnd] = block[0]!.isSubItem ? [end, end + 1] : blockOf(list, end);
		list.splice(start, block.length);
		list.splice(nextEnd - block.length, 0, ...block);
	}
	return normalise(list);
}

/** Drag and drop: puts the item (with its sub-items) before `beforeId`, or at the end when null. */
export function moveBefore(order: readonly OrderEntry[], id: string, beforeId: string | null): OrderEntry[] | null {
	const index = order.findIndex((entry) => entry.id === id);
	if (index < 0 || id === beforeId) return null;
	const [start, end] = blockOf(order, index);
	const block = order.slice(start, end);
	if (beforeId && block.some((entry) => entry.id === beforeId)) return null;
	const rest = [...order.slice(0, start), ...order.slice(end)];
	const target = beforeId === null ? rest.length : rest.findIndex((entry) => entry.id === beforeId);
	if (target < 0) return null;
	rest.splice(target, 0, ...block);
	return normalise(rest);
}

/** Makes the item a sub-item of the item before it, or top-level again. Null when nothing changes. */
export function setLevel(order: readonly OrderEntry[], id: string, isSubItem: boolean): OrderEntry[] | null {
	const index = order.findIndex((entry) => entry.id === id);
	if (index < 0 || order[index]!.isSubItem === isSubItem || (isSubItem && index === 0)) return null;
	return normalise(order.map((entry) => (entry.id === id ? { id, isSubItem } : entry)));
}

const entry = ({ id, isSubItem }: OrderEntry): OrderEntry => ({ id, isSubItem });

/** The stored order the office keeps: the public part, then the non-public part, each part's first item top-level. */
export function groupByPart(order: readonly PartEntry[]): OrderEntry[] {
	return [
		...normalise(order.filter((e) => e.isPublic).map(entry)),
		...normalise(order.filter((e) => !e.isPublic).map(entry))
	];
}

/**
 * Applies an order change within the item's own part: moves never cross into the other part (an item
 * changes part by being marked public or non-public). Returns the whole grouped order, or null when the
 * change does nothing.
 */
export function inPart(
	order: readonly PartEntry[],
	id: string,
	change: (part: OrderEntry[]) => OrderEntry[] | null
): OrderEntry[] | null {
	const item = order.find((e) => e.id === id);
	if (!item) return null;
	const changed = change(order.filter((e) => e.isPublic === item.isPublic).map(entry));
	if (!changed) return null;
	const other = normalise(order.filter((e) => e.isPublic !== item.isPublic).map(entry));
	return item.isPublic ? [...normalise(changed), ...other] : [...other, ...normalise(changed)];
}
