import { expect, test, type APIRequestContext } from '@playwright/test';
import { listProblems, objectProblems } from '../oparl/validate';

// The OParl interface of the running demo (#14), as a client crawls it: from /oparl/v1/system through every
// list (all pages) and every address in every object. Each OParl answer is JSON with CORS `*` and validates
// against the schemas (tests/oparl/schema); every other address (`web`, `accessUrl`, `downloadUrl`: the
// citizens' pages) answers 200; "Personalangelegenheiten" (the demo's non-public item) appears nowhere.

const SECRET = 'Personalangelegenheiten';

/** Every string in a JSON value that is an address of this server (embedded objects included). */
function addressesIn(value: unknown, origin: string, found = new Set<string>()): Set<string> {
	if (typeof value === 'string') {
		if (value.startsWith(`${origin}/`)) found.add(value.split('#')[0]!);
	} else if (Array.isArray(value)) for (const entry of value) addressesIn(entry, origin, found);
	else if (value && typeof value === 'object')
		for (const entry of Object.values(value)) addressesIn(entry, origin, found);
	return found;
}

/** Embedded objects too: every value that has an OParl `type`. */
function objectsIn(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
	if (Array.isArray(value)) for (const entry of value) objectsIn(entry, found);
	else if (value && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		if (typeof object.type === 'string' && object.type.startsWith('https://schema.oparl.org/')) found.push(object);
		for (const entry of Object.values(object)) objectsIn(entry, found);
	}
	return found;
}

async function crawl(request: APIRequestContext, origin: string) {
	const queue = [`${origin}/oparl/v1/system`];
	const seen = new Set(queue);
	const problems: string[] = [];
	const types = new Map<string, number>();
	let oparlAnswers = 0;
	let pageAnswers = 0;
	while (queue.length > 0) {
		const url = queue.shift()!;
		const response = await request.get(url, { maxRedirects: 0 });
		const body = await response.text();
		if (response.status() !== 200) problems.push(`${url} answered ${response.status()}`);
		if (body.includes(SECRET)) problems.push(`${url} shows the non-public item`);
		if (!new URL(url).pathname.startsWith('/oparl/')) {
			pageAnswers++;
			continue;
		}
		oparlAnswers++;
		expect(response.headers()['access-control-allow-origin'], url).toBe('*');
		expect(response.headers()['content-type'], url).toBe('application/json; charset=utf-8');
		const json = JSON.parse(body) as Record<string, unknown>;
		const isList = 'data' in json && 'pagination' in json;
		problems.push(...(isList ? listProblems(json) : objectProblems(json)));
		for (const object of objectsIn(json)) {
			const name = String(object.type).split('/').at(-1)!;
			types.set(name, (types.get(name) ?? 0) + 1);
			if (isList) problems.push(...objectProblems(object));
		}
		for (const address of addressesIn(json, origin))
			if (!seen.has(address)) {
				seen.add(address);
				queue.push(address);
			}
	}
	return { problems, types, oparlAnswers, pageAnswers };
}

test('a client crawls the whole demo from /oparl/v1/system: valid, resolvable, nothing non-public', async ({
	request,
	baseURL
}) => {
	test.setTimeout(180_000);
	const origin = baseURL!.replace(/\/$/, '');
	const { problems, types, oparlAnswers, pageAnswers } = await crawl(request, origin);
	console.log(
		`oparl crawl: ${oparlAnswers} OParl answers, ${pageAnswers} other addresses, objects ${JSON.stringify(Object.fromEntries(types))}`
	);
	expect(problems).toEqual([]);
	for (const type of [
		'System',
		'Body',
		'Organization',
		'Person',
		'Membership',
		'Meeting',
		'AgendaItem',
		'Consultation',
		'Paper',
		'File',
		'Location',
		'LegislativeTerm'
	])
		expect(types.get(type) ?? 0, type).toBeGreaterThan(0);
});

test('lists page as the spec says, and page sizes are capped', async ({ request }) => {
	const first = await request.get('/oparl/v1/body/hamm/agenda-items?elementsPerPage=2');
	const page = (await first.json()) as {
		data: unknown[];
		pagination: { totalElements: number; elementsPerPage: number; totalPages: number };
		links: Record<string, string>;
	};
	expect(page.data).toHaveLength(2);
	expect(page.pagination.elementsPerPage).toBe(2);
	expect(page.pagination.totalPages).toBe(Math.ceil(page.pagination.totalElements / 2));
	expect(page.links.next).toContain('page=2');
	const capped = await (await request.get('/oparl/v1/body/hamm/meetings?elementsPerPage=100000')).json();
	expect(capped.pagination.elementsPerPage).toBe(100);
	const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
	const none = await (await request.get(`/oparl/v1/body/hamm/meetings?modified_since=${future}`)).json();
	expect(none.data).toEqual([]);
});

test('bad input: malformed filters 400, unknown ids and types 404, writes 405, always JSON', async ({ request }) => {
	for (const [path, status] of [
		['/oparl/v1/body/hamm/meetings?created_since=gestern', 400],
		['/oparl/v1/body/hamm/meetings?modified_until=2026-01-01', 400],
		['/oparl/v1/body/hamm/meetings?page=0', 400],
		['/oparl/v1/body/hamm/meetings?page=1&page=2', 400],
		['/oparl/v1/meeting/00000000-0000-4000-8000-00000000ffff', 404],
		['/oparl/v1/meeting/not-an-id', 404],
		['/oparl/v1/agendaitem/00000000-0000-4000-8000-0000000a0206', 404],
		['/oparl/v1/council/00000000-0000-4000-8000-00000000ffff', 404],
		['/oparl/v1/body/elsewhere', 404],
		['/oparl/v1/body/hamm/votes', 404],
		['/oparl/v2/system', 404]
	] as const) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(status);
		expect(response.headers()['content-type'], path).toBe('application/json; charset=utf-8');
		expect(response.headers()['access-control-allow-origin'], path).toBe('*');
		const body = await response.json();
		expect(body, path).toMatchObject({ type: 'Error', status });
		if (status === 400) expect(body.problems[0].parameter, path).toMatch(/created_since|modified_until|page/);
		expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
	}
	const write = await request.post('/oparl/v1/system', { data: {} });
	expect(write.status()).toBe(405);
	expect(await write.json()).toMatchObject({ type: 'Error', status: 405 });
	// Never cacheable by shared caches: a signed-in visitor's answer may carry a refreshed session cookie.
	expect((await request.get('/oparl/v1/system')).headers()['cache-control'] ?? '').not.toContain('public');
	const preflight = await request.fetch('/oparl/v1/system', { method: 'OPTIONS' });
	expect(preflight.status()).toBe(204);
	expect(preflight.headers()['access-control-allow-origin']).toBe('*');
});
