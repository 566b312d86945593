import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AREAS, areaOf, areasForRoute, ROUTE_AREAS, SHELL_AREAS, type Area } from './areas';

const src = fileURLToPath(new URL('../..', import.meta.url));
const routesDir = path.join(src, 'routes');
const messagesDir = path.join(src, 'lib/i18n/messages');

/** Every message key of the browser's areas (German, the reference), with the file it is in. */
const keyFile = new Map<string, string>();
for (const file of fs.readdirSync(messagesDir)) {
	const area = /^(\w+)\.de\.json$/.exec(file)?.[1];
	if (!area || area.startsWith('mail')) continue;
	for (const key of Object.keys(JSON.parse(fs.readFileSync(path.join(messagesDir, file), 'utf8'))))
		keyFile.set(key, area);
}
const allKeys = [...keyFile.keys()];

describe('message areas', () => {
	it('are the message files the browser may load', () => {
		expect([...new Set(keyFile.values())].sort()).toEqual([...AREAS].sort());
	});

	it('name the file of every key', () => {
		const wrong = allKeys.filter((key) => areaOf(key) !== keyFile.get(key));
		expect(wrong.map((key) => `${key}: in ${keyFile.get(key)}, mapped to ${areaOf(key)}`)).toEqual([]);
	});

	it('map a key by its longest known prefix', () => {
		expect(areaOf('meetings.title')).toBe('meetings');
		expect(areaOf('meetings.nav')).toBe('app');
		expect(areaOf('search.box.label')).toBe('app');
		expect(areaOf('search.box')).toBe('app');
		expect(areaOf('search.boxes')).toBe('search');
		expect(areaOf('nosuch.key')).toBeUndefined();
	});

	it('give every route the shell and the declarations of the route and the routes above it', () => {
		expect(areasForRoute(null)).toEqual([...SHELL_AREAS]);
		expect(areasForRoute('/login')).toEqual([...SHELL_AREAS]);
		expect(areasForRoute('/admin/audit').sort()).toEqual(['app', 'audit', 'members']);
		expect(areasForRoute('/b/[board]/meetings/[id]/votes').sort()).toEqual(['app', 'votes']);
		// The platform's two-factor requirement (#17) speaks from the account area.
		expect(areasForRoute('/admin').sort()).toEqual(['account', 'app', 'members']);
		// An entry without /* is for its route alone.
		expect(areasForRoute('/calendar').sort()).toEqual(['app', 'meetings']);
		expect(areasForRoute('/b/[board]/meetings/[id]').sort()).toEqual([
			'agenda',
			'app',
			'files',
			'meetings',
			'minutes',
			'votes'
		]);
		expect(areasForRoute('/')).toContain('dashboard');
	});
});

// --- Which keys a route's modules use --------------------------------------------------------------------------

/**
 * Modules that name keys a page shows although no browser module of the route imports them: the server's load
 * passes them as data (e.g. the board's area menu). Keyed by a route id; applies to the route and every route below it.
 */
const DATA_KEY_MODULES: Record<string, string[]> = {
	'/b/[board]': ['lib/board-areas.ts', 'lib/role-labels.ts']
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g;
// A quoted string that is a key, or a key's prefix ending in a dot ('decisions.status.' + status).
const LITERAL = /(['"`])([a-zA-Z][\w-]*(?:\.[\w-]+)*\.?)\1/g;
// The literal head of a template that builds a key: `decisions.status.${status}`.
const TEMPLATE_HEAD = /`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g;

function resolveImport(from: string, specifier: string): string | undefined {
	let base: string;
	if (specifier.startsWith('$lib/')) base = path.join(src, 'lib', specifier.slice('$lib/'.length));
	else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
	else return undefined; // packages, $app, #i18n/catalogs
	return [base, `${base}.ts`, `${base}.js`, `${base}.svelte`, `${base}.svelte.ts`, path.join(base, 'index.ts')].find(
		(candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()
	);
}

/**
 * Not walked: the server's modules (they translate on the server, which has every area; what they pass to a page
 * as keys is in DATA_KEY_MODULES), the i18n machinery itself (its tables name keys it does not show) and tests.
 */
const notWalked = (file: string) =>
	file.includes(`${path.sep}lib${path.sep}server${path.sep}`) ||
	file.includes(`${path.sep}lib${path.sep}i18n${path.sep}`) ||
	file.endsWith('.test.ts');

const scanned = new Map<string, { keys: Set<string>; imports: string[] }>();
function scan(file: string) {
	let result = scanned.get(file);
	if (result) return result;
	const text = fs.readFileSync(file, 'utf8');
	const keys = new Set<string>();
	const addPrefix = (prefix: string) => allKeys.filter((key) => key.startsWith(prefix)).forEach((key) => keys.add(key));
	for (const [, , text_] of text.matchAll(LITERAL))
		if (keyFile.has(text_!)) keys.add(text_!);
		else if (text_!.endsWith('.')) addPrefix(text_!);
	for (const [, head] of text.matchAll(TEMPLATE_HEAD)) addPrefix(head!);
	const imports: string[] = [];
	for (const [, , specifier] of text.matchAll(IMPORT)) {
		const resolved = resolveImport(file, specifier!);
		if (resolved && !notWalked(resolved)) imports.push(resolved);
	}
	result = { keys, imports };
	scanned.set(file, result);
	return result;
}

/** The keys used by the modules `entries` import (transitively), each with the module naming it. */
function usedKeys(entries: string[]): Map<string, string> {
	const used = new Map<string, string>();
	const seen = new Set<string>();
	const stack = [...entries];
	while (stack.length > 0) {
		const file = stack.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const { keys, imports } = scan(file);
		for (const key of keys) if (!used.has(key)) used.set(key, path.relative(src, file));
		stack.push(...imports);
	}
	return used;
}

function walk(dir: string): string[] {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

const routeFiles = walk(routesDir);
const pageDirs = [...new Set(routeFiles.filter((f) => /\+page\.(svelte|ts)$/.test(f)).map((f) => path.dirname(f)))];
const routeId = (dir: string) => `/${path.relative(routesDir, dir).split(path.sep).join('/')}`.replace(/^\/$/, '/');

/** A page's modules: its own and those of the layouts and error pages above it, with their server loads. */
function pageEntries(dir: string): string[] {
	const chain: string[] = [];
	for (let d = dir; ; d = path.dirname(d)) {
		chain.unshift(d);
		if (d === routesDir) break;
	}
	const names = (d: string) =>
		d === dir
			? [
					'+layout.svelte',
					'+layout.ts',
					'+layout.server.ts',
					'+error.svelte',
					'+page.svelte',
					'+page.ts',
					'+page.server.ts'
				]
			: ['+layout.svelte', '+layout.ts', '+layout.server.ts', '+error.svelte'];
	const entries = chain.flatMap((d) => names(d).map((name) => path.join(d, name))).filter((f) => fs.existsSync(f));
	const id = routeId(dir);
	for (const [route, modules] of Object.entries(DATA_KEY_MODULES))
		if (id === route || id.startsWith(`${route}/`)) entries.push(...modules.map((m) => path.join(src, m)));
	return entries;
}

describe('route message areas', () => {
	it('finds the pages and the keys they use', () => {
		expect(pageDirs.length).toBeGreaterThan(30);
		const dashboard = usedKeys(pageEntries(routesDir));
		expect(dashboard.get('dashboard.title')).toBe('routes/+page.svelte');
		// A key built from a template: every key under its literal head.
		expect([...dashboard.keys()].some((key) => key.startsWith('decisions.status.'))).toBe(true);
		const board = usedKeys(pageEntries(path.join(routesDir, 'b/[board]/search')));
		expect(board.get('meetings.nav')).toBe('lib/board-areas.ts');
		expect(board.has('dashboard.title')).toBe(false);
	});

	it.each(pageDirs.map((dir) => [routeId(dir), dir]))('%s declares the area of every key it uses', (id, dir) => {
		const declared = new Set<Area>(areasForRoute(id));
		const undeclared = [...usedKeys(pageEntries(dir))]
			.filter(([key]) => !declared.has(areaOf(key)!))
			.map(([key, file]) => `${key} (area ${areaOf(key)}, in ${file})`);
		expect(undeclared, `add the areas to ROUTE_AREAS['${id}'] in src/lib/i18n/areas.ts`).toEqual([]);
	});

	it('declares only routes that exist', () => {
		const ids = new Set(
			routeFiles
				.filter((f) => /\+(page|layout)\.(svelte|ts)$/.test(path.basename(f)))
				.map((f) => routeId(path.dirname(f)))
		);
		expect(Object.keys(ROUTE_AREAS).filter((id) => !ids.has(id.replace(/\/\*$/, '') || '/'))).toEqual([]);
	});
});
