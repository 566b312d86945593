import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// One way between SvelteKit and the services: routes go through $lib/server/http (boardFormAction,
// formAction, customBoardAction/customAction, boardPage/pageData/boardResource, jsonEndpoint). This test
// reads every route's server file and names each place that does the glue by hand again.

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const routes = join(root, 'src/routes');
const server = join(root, 'src/lib/server');

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(path, keep);
		return keep(entry.name) ? [path] : [];
	});
}

interface Rule {
	pattern: RegExp;
	why: string;
}

const handFailure: Rule = {
	pattern: /\bserviceFailure\b/,
	why: 'turns a refusal into fail() by hand: use boardFormAction/formAction, or customBoardAction/customAction'
};
const handCatch: Rule = {
	pattern: /instanceof\s+ServiceError/,
	why: 'catches a ServiceError itself: use pageData/boardPage (error page), attempt, or jsonEndpoint'
};
const handErrorPage: Rule = {
	pattern: /\berror\(\s*\w+\.status\b/,
	why: 'makes an error page of a refusal by hand: use pageData/boardPage/boardResource'
};
const removed: Rule = {
	pattern: /route-errors|paper-route|auditOrError|orErrorPage|paperPage\(/,
	why: 'uses a removed route helper: use $lib/server/http'
};

/** Every route server file (pages, layouts, endpoints). */
const everywhere: Rule[] = [handFailure, handCatch, handErrorPage, removed];

/** Page loads and form actions (+page.server.ts) in addition. */
const pages: Rule[] = [
	{
		pattern: /\bloadBoard\b/,
		why: 'resolves the board by hand: use boardPage (loads) or boardFormAction/customBoardAction (actions)'
	},
	{
		pattern: /catch\s*\(/,
		why: 'decides about a thrown error itself: the glue answers refusals (a body that never arrives: `catch {`)'
	}
];

function offences(path: string, rules: Rule[]): string[] {
	const lines = readFileSync(path, 'utf8').split('\n');
	return lines.flatMap((line, index) =>
		rules
			.filter((rule) => rule.pattern.test(line))
			.map((rule) => `${relative(root, path)}:${index + 1}: ${rule.why}\n    ${line.trim()}`)
	);
}

describe('route glue', () => {
	const serverFiles = filesUnder(routes, (name) => /^\+(page\.server|layout\.server|server)\.ts$/.test(name));

	it('finds the route files', () => {
		expect(serverFiles.filter((path) => path.endsWith('+page.server.ts')).length).toBeGreaterThan(30);
	});

	const checked = [
		...serverFiles.map((path) => ({
			path,
			rules: path.endsWith('+page.server.ts') ? [...everywhere, ...pages] : everywhere
		})),
		// Domain modules may check for a ServiceError (db-errors.ts, form tokens); making an error page of it is not theirs.
		...filesUnder(server, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
			.filter((path) => !path.startsWith(join(server, 'http')))
			.map((path) => ({ path, rules: [handErrorPage, removed] }))
	];

	it('every page load, form action and endpoint goes through $lib/server/http', () => {
		const found = checked.flatMap(({ path, rules }) => offences(path, rules));
		expect(found, found.join('\n')).toEqual([]);
	});
});
