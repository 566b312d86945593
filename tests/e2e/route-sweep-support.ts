import fs from 'node:fs';
import path from 'node:path';
import { demoDecisionYear } from './demo-dates';

// The app's routes read from src/routes, so a new route is swept without editing the test.

export interface SweptRoute {
	/** SvelteKit route id, e.g. `/b/[board]/meetings/[id]`. */
	id: string;
	/** Whether it has a page (and so a `__data.json`). */
	page: boolean;
	/** Server load/layout nodes from the root to the page: the length of an `x-sveltekit-invalidated` mask. */
	nodes: number;
	/** Named form actions (`default` for an unnamed one). */
	actions: string[];
	/** HTTP methods of a `+server.ts`. */
	methods: string[];
}

const ROUTES = path.resolve('src/routes');

function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const block = source.slice(start, source.indexOf('\n};', start));
	return [...block.matchAll(/^\t(\w+)\s*:/gm)].map((match) => match[1]!);
}

function methodNames(source: string): string[] {
	return [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
		(match) => match[1]!
	);
}

/** Every route below src/routes with what it answers. */
export function sweptRoutes(): SweptRoute[] {
	const routes: SweptRoute[] = [];
	const walk = (dir: string, layouts: number) => {
		const files = fs.readdirSync(dir);
		// Every route has the root layout node; a folder's +layout adds one (SvelteKit counts universal and server loads as one node).
		const here =
			layouts + (dir !== ROUTES && files.some((f) => /^\+layout\.(server\.)?ts$|^\+layout\.svelte$/.test(f)) ? 1 : 0);
		const id = '/' + path.relative(ROUTES, dir).split(path.sep).filter(Boolean).join('/');
		const read = (name: string) => (files.includes(name) ? fs.readFileSync(path.join(dir, name), 'utf8') : '');
		const page = files.includes('+page.svelte') || files.includes('+page.server.ts');
		const endpoint = read('+server.ts');
		if (page || endpoint)
			routes.push({
				id,
				page,
				nodes: here + 1,
				actions: actionNames(read('+page.server.ts')),
				methods: methodNames(endpoint)
			});
		for (const name of files) if (fs.statSync(path.join(dir, name)).isDirectory()) walk(path.join(dir, name), here);
	};
	walk(ROUTES, 1);
	return routes;
}

/** Every `x-sveltekit-invalidated` mask for `nodes` nodes except the one that asks for nothing. */
export function invalidationMasks(nodes: number): string[] {
	const masks: string[] = [];
	for (let bits = 1; bits < 2 ** nodes; bits += 1) masks.push(bits.toString(2).padStart(nodes, '0'));
	return masks;
}

const UNKNOWN = '00000000-0000-4000-8000-00000000ffff';

/** Demo rows (supabase/seed.sql) to fill an `[id]` by the folder it stands in. */
const IDS_BY_PARENT: Record<string, string> = {
	meetings: '00000000-0000-4000-8000-0000000000c2',
	papers: '00000000-0000-4000-8000-000000000a02',
	members: '00000000-0000-4000-8000-000000000005',
	files: UNKNOWN,
	polls: UNKNOWN,
	notifications: UNKNOWN,
	votes: UNKNOWN,
	// The strategy map (#16): the demo's rows get fresh ids on every start.
	fields: UNKNOWN,
	measures: UNKNOWN,
	indicators: UNKNOWN,
	// OParl (#14): the demo's public meeting (as `[type]` meeting), the configured body, the public board.
	'[type]': '00000000-0000-4000-8000-0000000000c2',
	body: 'hamm',
	organization: '00000000-0000-4000-8000-0000000000b1'
};

/** The address of a route id for one board, with a sample for each parameter. */
export function addressOf(id: string, board: string): string {
	const segments = id.split('/').filter(Boolean);
	return (
		'/' +
		segments
			.map((segment, index) =>
				segment.replace(/\[(\w+)\]/g, (_, name: string) => {
					if (name === 'board') return board;
					if (name === 'id') {
						const sample = IDS_BY_PARENT[segments[index - 1] ?? ''];
						if (!sample) throw new Error(`route sweep: add a sample [id] for ${id}`);
						return sample;
					}
					if (name === 'number') return `${demoDecisionYear()}-01`;
					if (name === 'vid') return UNKNOWN;
					// A consultation round (#15): none in the demo.
					if (name === 'rid') return UNKNOWN;
					if (name === 'type') return 'meeting';
					if (name === 'list') return 'meetings';
					if (name === 'token' || name === 'secret') return 'not-a-valid-credential';
					throw new Error(`route sweep: add a sample for [${name}] in ${id}`);
				})
			)
			.join('/')
	);
}
