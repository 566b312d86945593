/** An item's place in the flat order: a sub-item belongs to the nearest top-level item before it. */
export interface OrderEntry {
	id: string;
	isSubItem: boolean;
}

export interface PlannedEntry extends OrderEntry {
	plannedMinutes: number;
}

export interface PlanRow {
	/** "1" or "1.1": derived from the order, never stored. */
	number: string;
	/** The item's planned start: the meeting's start plus every earlier item's minutes. */
	startsAt: Date;
	endsAt: Date;
	/** The top-level item a sub-item belongs to. */
	parentId: string | null;
}

/** Numbering and running time plan of an agenda in its order. */
export function planAgenda<T extends PlannedEntry>(items: readonly T[], meetingStart: Date): (T & PlanRow)[] {
	let top = 0;
	let sub = 0;
	let parentId: string | null = null;
	let clock = meetingStart.getTime();
	return items.map((item) => {
		// The first item can only be top-level; a stray flag there must not produce "0.1".
		const isSub = item.isSubItem && top > 0;
		if (isSub) sub += 1;
		else {
			top += 1;
			sub = 0;
			parentId = item.id;
		}
		const startsAt = new Date(clock);
		clock += item.plannedMinutes * 60_000;
		return {
			...item,
			isSubItem: isSub,
			number: isSub ? `${top}.${sub}` : `${top}`,
			startsAt,
			endsAt: new Date(clock),
			parentId: isSub ? parentId : null
		};
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
