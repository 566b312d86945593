/** Values a `{name}` placeholder may take. */
export type FillParams = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills `{name}` placeholders (the convention of every message catalog). An unknown placeholder stays
 * visible, so a forgotten parameter shows up in review instead of silently vanishing from the text.
 */
export function fill(template: string, params: FillParams = {}): string {
	return template.replace(PLACEHOLDER, (match, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : match
	);
}

/** The placeholders a template uses, sorted: catalog tests compare them across languages. */
export function placeholders(template: string): string[] {
	return (template.match(PLACEHOLDER) ?? []).sort();
}
