import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { BoardRole } from '../../src/lib/roles';
import { can } from '../../src/lib/server/boards/policy';
import { actionRule, routeAccess } from '../../src/lib/server/boards/route-access';
import { DEMO_PASSWORD, expect, MAIN_BOARD, OTHER_BOARD, test } from './support';
import { addressOf, invalidationMasks, sweptRoutes, type SweptRoute } from './route-sweep-support';

// Every route of the app (pages, each __data.json mask, form actions, endpoints) as each kind of
// person. Whatever the policy (src/lib/server/boards) denies must be refused, never answered with
// data; nothing may answer 500. The routes come from src/routes, so a new route is swept as it lands.

interface Persona {
	name: string;
	/** Demo account (supabase/seed.sql); null: signed out. */
	email: string | null;
	/** The board whose addresses this person tries. */
	board: string;
	/** Their role there (seed.sql); null: none. */
	role: BoardRole | null;
	isAdmin: boolean;
	/** Whether some board of theirs lets them read the confidential texts below (full members of the main board, admins). */
	readsConfidential: boolean;
}

const PERSONAS: Persona[] = [
	{ name: 'signed-out visitor', email: null, board: MAIN_BOARD, role: null, isAdmin: false, readsConfidential: false },
	{
		name: 'guest',
		email: 'guest@beirat.example',
		board: MAIN_BOARD,
		role: 'guest',
		isAdmin: false,
		readsConfidential: false
	},
	// A member of the main board trying the working group's board, which they do not belong to.
	{
		name: 'member of another board',
		email: 'member2@beirat.example',
		board: OTHER_BOARD,
		role: null,
		isAdmin: false,
		readsConfidential: true
	},
	{
		name: 'member',
		email: 'member@beirat.example',
		board: MAIN_BOARD,
		role: 'member',
		isAdmin: false,
		readsConfidential: true
	},
	{
		name: 'advisor',
		email: 'advisor@beirat.example',
		board: MAIN_BOARD,
		role: 'advisor',
		isAdmin: false,
		readsConfidential: true
	},
	{
		name: 'office',
		email: 'office@beirat.example',
		board: MAIN_BOARD,
		role: 'office',
		isAdmin: false,
		readsConfidential: true
	},
	// IT operations read every board's audit trail, titles included.
	{
		name: 'platform admin',
		email: 'admin@beirat.example',
		board: MAIN_BOARD,
		role: null,
		isAdmin: true,
		readsConfidential: true
	}
];

/** Texts only full members of the main board may ever receive: a non-public item, a restricted paper. */
const CONFIDENTIAL = ['Personalangelegenheiten', 'Flächenreserve'];

/** What the policy says about one request of a persona: may they have it at all? */
function allowed(route: SweptRoute, persona: Persona, action?: string): boolean {
	const access = routeAccess(route.id);
	if (access.kind === 'public') return true;
	if (!persona.email) return false;
	if (access.kind === 'signed-in') return true;
	const actor = { isAdmin: persona.isAdmin };
	if (access.kind === 'platform') return can(actor, access.action);
	const board = { role: persona.role };
	const seesBoard = persona.role !== null || persona.isAdmin;
	const extra = action ? actionRule(route.id, action) : undefined;
	return seesBoard && can(actor, access.action, board) && (!extra || can(actor, extra, board));
}

async function signedIn(baseURL: string, persona: Persona): Promise<APIRequestContext> {
	// Form posts need the app's own Origin (CSRF protection of SvelteKit).
	const context = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL },
		maxRedirects: 0
	});
	if (persona.email) {
		const response = await context.post('/login?/password', {
			form: { email: persona.email, password: DEMO_PASSWORD }
		});
		expect(response.status(), `sign-in of ${persona.email}`).toBeLessThan(400);
		expect((await context.storageState()).cookies.length, `session cookie of ${persona.email}`).toBeGreaterThan(0);
	}
	return context;
}

interface Outcome {
	status: number;
	location: string;
	body: string;
}

async function outcome(response: APIResponse): Promise<Outcome> {
	return { status: response.status(), location: response.headers()['location'] ?? '', body: await response.text() };
}

/** A SvelteKit JSON answer (__data.json, an enhanced action) that redirects or fails instead of giving data. */
function jsonRefusal(body: string): boolean {
	try {
		const parsed = JSON.parse(body) as { type?: string; location?: string; status?: number };
		if (parsed.type === 'redirect') return (parsed.location ?? '').startsWith('/login');
		return parsed.type === 'error' && [401, 403, 404].includes(parsed.status ?? 0);
	} catch {
		return false;
	}
}

function refused({ status, location, body }: Outcome): boolean {
	if ([401, 403, 404].includes(status)) return true;
	if (status >= 300 && status < 400) return location.startsWith('/login');
	return status === 200 && jsonRefusal(body);
}

function problems(what: string, persona: Persona, result: Outcome, expectAllowed: boolean): string[] {
	const found: string[] = [];
	const answer = `${result.status}${result.location ? ` → ${result.location}` : ''}`;
	if (result.status >= 500 || /"status":5\d\d/.test(result.body)) found.push(`${what}: ${answer} (server error)`);
	if (!expectAllowed && !refused(result)) found.push(`${what}: ${answer}, but the policy refuses the ${persona.name}`);
	if (!persona.readsConfidential)
		for (const text of CONFIDENTIAL) if (result.body.includes(text)) found.push(`${what}: leaks “${text}”`);
	return found;
}

test.describe('route sweep', () => {
	test.describe.configure({ timeout: 300_000 });
	const routes = sweptRoutes();

	test('finds the app’s routes', () => {
		expect(routes.length).toBeGreaterThan(50);
		expect(routes.map((route) => route.id)).toEqual(
			expect.arrayContaining(['/admin/outbox', '/b/[board]/meetings/[id]', '/api/collab/ticket'])
		);
	});

	for (const persona of PERSONAS) {
		test(`as ${persona.name}: every route answers as the policy says`, async ({ baseURL }) => {
			const api = await signedIn(baseURL!, persona);
			const found: string[] = [];
			for (const route of routes) {
				const address = addressOf(route.id, persona.board);
				if (route.page) {
					found.push(
						...problems(`GET ${address}`, persona, await outcome(await api.get(address)), allowed(route, persona))
					);
					const data = `${address === '/' ? '' : address}/__data.json`;
					for (const mask of invalidationMasks(route.nodes)) {
						const result = await outcome(await api.get(`${data}?x-sveltekit-invalidated=${mask}`));
						found.push(...problems(`GET ${data} mask ${mask}`, persona, result, allowed(route, persona)));
					}
				}
				for (const action of route.actions) {
					// Only refusals are tried: an allowed action with made-up fields is the form tests' business.
					if (allowed(route, persona, action)) continue;
					const target = action === 'default' ? address : `${address}?/${action}`;
					const response = await api.post(target, {
						form: { sweep: '1' },
						headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
					});
					found.push(...problems(`POST ${target}`, persona, await outcome(response), false));
				}
				for (const method of route.methods) {
					if (method !== 'GET' && allowed(route, persona)) continue;
					const response = await api.fetch(address, { method, data: method === 'GET' ? undefined : {} });
					found.push(...problems(`${method} ${address}`, persona, await outcome(response), allowed(route, persona)));
				}
			}
			await api.dispose();
			expect(found).toEqual([]);
		});
	}
});
