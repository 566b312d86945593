import type { Snippet } from 'svelte';
import { collator } from '$lib/intl';

/** What a sortable column compares: text (by the reader's language, numbers within it by value), numbers, dates. */
export type SortValue = string | number | Date | null | undefined;
export type SortDirection = 'ascending' | 'descending';

/** One column of a `DataTable`. */
export interface Column<Row> {
	/** Identifies the column (sort state, keyed header); unique within the table. */
	key: string;
	/** Header text; on a phone also the label beside each value. */
	label: string;
	/** Header only for screen readers (e.g. a column of row links); no label beside the value on a phone. */
	hideLabel?: boolean;
	/** The cell names its row (`<th scope="row">`), e.g. the title or the person. */
	rowHeader?: boolean;
	/** Plain text of the cell. */
	text?: (row: Row) => string | number;
	/** Markup of the cell, for columns that need links, badges or forms; gets the row and the column key. */
	cell?: Snippet<[Row, string]>;
	/** Makes the column sortable (in the browser, after the server's order) by this value. */
	sort?: (row: Row) => SortValue;
	/** Class of the cell, e.g. to colour it by its value. */
	cellClass?: (row: Row) => string | undefined;
}

function isEmpty(value: SortValue): value is null | undefined | '' {
	return value === null || value === undefined || value === '';
}

function compare(
	a: Exclude<SortValue, null | undefined>,
	b: Exclude<SortValue, null | undefined>,
	collator: Intl.Collator
): number {
	if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return collator.compare(
		String(a instanceof Date ? a.toISOString() : a),
		String(b instanceof Date ? b.toISOString() : b)
	);
}

/**
 * The rows ordered by `value` in `direction`; equal values keep their given order and empty values
 * (none, '') stay last in both directions, so a reader sorting by due date sees the dated rows first.
 */
export function sortRows<Row>(
	rows: readonly Row[],
	value: (row: Row) => SortValue,
	direction: SortDirection,
	locale: string
): Row[] {
	const textOrder = collator(locale, { numeric: true, sensitivity: 'base' });
	const sign = direction === 'ascending' ? 1 : -1;
	return rows
		.map((row, index) => ({ row, index, value: value(row) }))
		.sort((a, b) => {
			const aEmpty = isEmpty(a.value);
			const bEmpty = isEmpty(b.value);
			if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
			return sign * compare(a.value!, b.value!, textOrder) || a.index - b.index;
		})
		.map((entry) => entry.row);
}

/** The direction after a click on a column's header: ascending first, then back and forth. */
export function nextDirection(current: SortDirection | undefined): SortDirection {
	return current === 'ascending' ? 'descending' : 'ascending';
}
