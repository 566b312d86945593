import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Components and pages reach the browser; `$lib/server` must not. They take their view models from
// `$lib/types/<domain>.types.ts` instead (a type-only import today becomes a value import tomorrow, and
// then the server code or the build error lands in the client).

const root = resolve(import.meta.dirname, '..', '..');
const src = join(root, 'src');
const serverDir = join(src, 'lib', 'server');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? walk(path) : [path];
	});
}

/** Every file whose code can end up in the browser: all components and pages, and the client-side modules. */
function clientFiles(): string[] {
	return walk(src).filter((path) => {
		if (path.endsWith('.svelte')) return true;
		if (!path.endsWith('.ts') || path.endsWith('.test.ts') || path.endsWith('.d.ts')) return false;
		if (path.startsWith(serverDir + '/')) return false;
		const name = path.split('/').pop()!;
		if (path.startsWith(join(src, 'routes') + '/')) return name === '+page.ts' || name === '+layout.ts';
		if (path.startsWith(join(src, 'lib') + '/')) return true;
		return name === 'hooks.client.ts' || name === 'hooks.ts';
	});
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The imports of a file that point into `src/lib/server` (by alias or by relative path). */
function serverImports(file: string, code: string): string[] {
	const hits: string[] = [];
	for (const match of code.matchAll(IMPORT)) {
		const specifier = match[1] ?? '';
		if (specifier === '$lib/server' || specifier.startsWith('$lib/server/')) hits.push(specifier);
		else if (specifier.startsWith('.')) {
			const target = resolve(dirname(file), specifier);
			if (target === serverDir || target.startsWith(serverDir + '/')) hits.push(specifier);
		}
	}
	return hits;
}

describe('client code imports nothing from $lib/server', () => {
	it('finds the imports it looks for', () => {
		const file = join(src, 'lib', 'components', 'x', 'X.svelte');
		const code = [
			"import type { A } from '$lib/server/agenda/agenda.repository';",
			"import { b } from '../../server/common.schema';",
			"const c = await import('$lib/server/services');",
			"import { d } from '$lib/types/agenda.types';",
			"import e from './E.svelte';"
		].join('\n');
		expect(serverImports(file, code)).toEqual([
			'$lib/server/agenda/agenda.repository',
			'../../server/common.schema',
			'$lib/server/services'
		]);
	});

	it('in every component, page and client-side module', () => {
		const files = clientFiles();
		expect(files.length).toBeGreaterThan(50);
		const offenders = files.flatMap((file) =>
			serverImports(file, readFileSync(file, 'utf8')).map((specifier) => `${relative(root, file)}: ${specifier}`)
		);
		expect(offenders).toEqual([]);
	});
});
