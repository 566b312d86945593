/**
 * CSV for German Excel: UTF-8 with a byte order mark (so umlauts survive), semicolons as separators
 * (Excel in de-DE reads `;`), CRLF line ends, every field quoted with doubled inner quotes. Fields
 * starting with = + - @ get a leading apostrophe so a spreadsheet never runs them as formulas.
 */
export function decisionsCsv(header: string[], rows: string[][]): string {
	const line = (fields: string[]) => fields.map(cell).join(';');
	return '\uFEFF' + [header, ...rows].map(line).join('\r\n') + '\r\n';
}

function cell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return `"${safe.replaceAll('"', '""')}"`;
}
