import { pluralRules } from '$lib/intl';

/** Values a `{name}` placeholder may take. */
export type FillParams = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)\}/g;

const PLURAL_START = /\{(\w+),\s*plural,/g;

/**
 * Fills `{name}` placeholders (the convention of every message catalog). An unknown placeholder stays
 * visible, so a forgotten parameter shows up in review instead of silently vanishing from the text.
 * `{count, plural, one {# Eintrag} other {# Einträge}}` picks the branch by the language's plural
 * rules (`=0` style exact branches first); `#` is the number.
 */
export function fill(template: string, params: FillParams = {}, locale = 'de'): string {
	return expandPlurals(template, params, locale).replace(PLACEHOLDER, (match, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : match
	);
}

/** The placeholders a template uses (plural arguments included), sorted: catalog tests compare them across languages. */
export function placeholders(template: string): string[] {
	const plural = [...template.matchAll(PLURAL_START)].map((match) => `{${match[1]}}`);
	return [...(template.match(PLACEHOLDER) ?? []), ...plural].sort();
}

function expandPlurals(template: string, params: FillParams, locale: string): string {
	let out = '';
	let pos = 0;
	for (const match of template.matchAll(PLURAL_START)) {
		if (match.index < pos) continue;
		const parsed = pluralBranches(template, match.index + match[0].length);
		if (!parsed) break;
		const value = Number(params[match[1]!]);
		const chosen =
			Object.hasOwn(params, match[1]!) && Number.isFinite(value) ? choose(parsed.branches, value, locale) : null;
		out += template.slice(pos, match.index) + (chosen ?? template.slice(match.index, parsed.end));
		pos = parsed.end;
	}
	return out + template.slice(pos);
}

function choose(branches: Map<string, string>, value: number, locale: string): string | null {
	const branch = branches.get(`=${value}`) ?? branches.get(pluralRules(locale).select(value)) ?? branches.get('other');
	return branch === undefined ? null : branch.replaceAll('#', String(value));
}

/** Reads `sel {text} sel {text} }` from `start`; null when the braces do not balance. */
function pluralBranches(template: string, start: number): { branches: Map<string, string>; end: number } | null {
	const branches = new Map<string, string>();
	let i = start;
	for (;;) {
		while (/\s/.test(template[i] ?? '')) i += 1;
		if (template[i] === '}') return { branches, end: i + 1 };
		const selector = /^[=\w]+/.exec(template.slice(i))?.[0];
		if (!selector) return null;
		i += selector.length;
		while (/\s/.test(template[i] ?? '')) i += 1;
		if (template[i] !== '{') return null;
		let depth = 1;
		let j = i + 1;
		for (; j < template.length && depth > 0; j += 1) depth += template[j] === '{' ? 1 : template[j] === '}' ? -1 : 0;
		if (depth > 0) return null;
		branches.set(selector, template.slice(i + 1, j - 1));
		i = j;
	}
}
