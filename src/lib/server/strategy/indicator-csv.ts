import type { ImportRow } from '$lib/types/strategy.types';

// Indicator values from a CSV file (#16): a header row naming the columns date/Datum, value/Wert and,
// optionally, unit/Einheit; then one value per row. A file separated by semicolons (German Excel) writes
// numbers the German way (decimal comma, dots only as thousands groups: 84.512,5); a comma-separated file
// the English way (decimal point, no grouping). Dates as 2026-03-31, 31.03.2026 or a year alone (2025 =
// the year's last day). Every row is checked and all its errors named; the caller saves nothing if any
// row has one.

export const CSV_MAX_ROWS = 1000;

export type CsvFileError =
	'strategy.import.error.empty' | 'strategy.import.error.header' | 'strategy.import.error.tooMany';

export interface ParsedCsv {
	/** What is wrong with the file as a whole (then `rows` is empty). */
	fileError: CsvFileError | null;
	rows: ImportRow[];
}

interface Context {
	/** The indicator's unit: a row naming another is refused. */
	unit: string;
	/** Dates the indicator already has a value for (YYYY-MM-DD). */
	existing: ReadonlySet<string>;
}

const HEADERS = {
	date: ['date', 'datum'],
	value: ['value', 'wert'],
	unit: ['unit', 'einheit']
} as const;

function splitLine(line: string, separator: string): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i += 1) {
		const c = line[i]!;
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				cell += '"';
				i += 1;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === separator) {
			cells.push(cell);
			cell = '';
		} else cell += c;
	}
	cells.push(cell);
	return cells.map((v) => v.trim());
}

/** A number as the file's convention writes it, or null. */
export function parseNumber(text: string, separator: string): number | null {
	const german = separator === ';' || separator === '\t';
	const pattern = german ? /^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/ : /^[-+]?\d+(\.\d+)?$/;
	if (!pattern.test(text)) return null;
	const normal = german ? text.replace(/\./g, '').replace(',', '.') : text;
	const value = Number(normal);
	return Number.isFinite(value) ? value : null;
}

/** A day that exists, as YYYY-MM-DD, or null. */
export function parseDay(text: string): string | null {
	let y: number, m: number, d: number;
	let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text)))
		[d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{4})$/.exec(text))) [y, m, d] = [Number(match[1]), 12, 31];
	else return null;
	if (y < 1900 || y > 2200) return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

function separatorOf(header: string): string {
	if (header.includes(';')) return ';';
	if (header.includes('\t')) return '\t';
	return ',';
}

function columnsOf(cells: string[]) {
	const find = (names: readonly string[]) => cells.findIndex((c) => names.includes(c.toLowerCase()));
	return { date: find(HEADERS.date), value: find(HEADERS.value), unit: find(HEADERS.unit) };
}

/** Reads and checks a CSV file of indicator values. */
export function parseIndicatorCsv(text: string, context: Context): ParsedCsv {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
	const headerIndex = lines.findIndex((l) => l.trim() !== '');
	if (headerIndex < 0) return { fileError: 'strategy.import.error.empty', rows: [] };
	const separator = separatorOf(lines[headerIndex]!);
	const columns = columnsOf(splitLine(lines[headerIndex]!, separator));
	if (columns.date < 0 || columns.value < 0) return { fileError: 'strategy.import.error.header', rows: [] };
	const body = lines
		.map((l, i) => ({ line: i + 1, text: l }))
		.slice(headerIndex + 1)
		.filter((l) => l.text.trim() !== '');
	if (body.length === 0) return { fileError: 'strategy.import.error.empty', rows: [] };
	if (body.length > CSV_MAX_ROWS) return { fileError: 'strategy.import.error.tooMany', rows: [] };
	const seen = new Set<string>();
	const rows = body.map(({ line, text: rowText }) => {
		const cells = splitLine(rowText, separator);
		const errors: string[] = [];
		const observedOn = parseDay(cells[columns.date] ?? '');
		const value = parseNumber(cells[columns.value] ?? '', separator);
		const unit = columns.unit >= 0 ? (cells[columns.unit] ?? '') : '';
		if (!observedOn) errors.push('strategy.import.error.date');
		if (value === null) errors.push('strategy.import.error.number');
		if (unit && unit.toLowerCase() !== context.unit.trim().toLowerCase()) errors.push('strategy.import.error.unit');
		if (observedOn && seen.has(observedOn)) errors.push('strategy.import.error.duplicate');
		else if (observedOn && context.existing.has(observedOn)) errors.push('strategy.import.error.existing');
		if (observedOn) seen.add(observedOn);
		return { line, observedOn, value, unit, errors };
	});
	return { fileError: null, rows };
}

/** Whether a parsed file may be saved: no file error, no row error. */
export const importable = (parsed: ParsedCsv): boolean =>
	parsed.fileError === null && parsed.rows.every((r) => r.errors.length === 0);
