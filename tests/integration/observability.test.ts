// Logs and metrics of real requests: a sign-in (right and wrong password, unknown address) through the
// login route's action inside the request hook logs ids, never the e-mail address, the password, the
// name or the client's address; /metrics shows the request by route id and the database time.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '$lib/server/db/types';
import { createLogger, logger, useLogger } from '$lib/server/observability/log';
import { renderAppMetrics } from '$lib/server/observability/metrics';
import { observeRequests } from '$lib/server/observability/request';
import { actions } from '../../src/routes/login/+page.server';
import { createBoard, addMember, type TestUser } from '../factories';
import { ORIGIN, signedOut } from '../support/app-context';
import { createHarness } from '../support/app-harness';
import { testDatabases } from '../support/databases';

const CLIENT_IP = '198.51.100.23';

/** Everything written to the JSON log and the console while `run` runs. */
async function captureLogs(run: () => Promise<void>): Promise<string> {
	const chunks: string[] = [];
	const previous = logger();
	useLogger(
		createLogger(
			new Writable({
				write(chunk: Buffer, _encoding, done) {
					chunks.push(chunk.toString());
					done();
				}
			})
		)
	);
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
		vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
			chunks.push(args.map(String).join(' '));
		})
	);
	try {
		await run();
	} finally {
		useLogger(previous);
		for (const spy of spies) spy.mockRestore();
	}
	return chunks.join('\n');
}

describe.each(testDatabases())('request logs and metrics on $name', (target) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof createHarness>>;
	let person: TestUser;

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		person = await addMember(db, { board: await createBoard(db), role: 'member' });
	});
	afterAll(async () => db?.close());
	afterEach(() => vi.restoreAllMocks());

	/** POST /login?/password through the request hook and the route's real action; the response status. */
	async function signIn(email: string, password: string): Promise<{ status: number; requestId: string | null }> {
		const body = new URLSearchParams({ email, password });
		const request = new Request(`${ORIGIN}/login?/password`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body
		});
		const locals = signedOut(h.app);
		const event = {
			request,
			locals,
			url: new URL(request.url),
			route: { id: '/login' },
			getClientAddress: () => CLIENT_IP
		} as unknown as RequestEvent;
		try {
			const response = await observeRequests({
				event,
				resolve: async () => {
					const result = (await actions.password!(event as never)) as { status?: number } | undefined;
					return new Response(null, { status: result?.status ?? 200 });
				}
			});
			return { status: response.status, requestId: response.headers.get('x-request-id') };
		} catch (thrown) {
			// A successful sign-in redirects (SvelteKit turns the thrown redirect into the response).
			return { status: (thrown as { status: number }).status, requestId: null };
		}
	}

	it('logs a sign-in by route, status and request id, without the e-mail, password, name or address', async () => {
		const results: { status: number; requestId: string | null }[] = [];
		const log = await captureLogs(async () => {
			results.push(await signIn(person.email, 'not the password'));
			results.push(await signIn('nobody@example.org', 'whatever-it-is'));
			results.push(await signIn(person.email, person.password));
		});
		expect(results.map((r) => r.status)).toEqual([400, 400, 303]);
		expect(results[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
		const lines = log
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(lines.filter((line) => line.msg === 'request')).toHaveLength(3);
		expect(lines[0]).toMatchObject({ level: 'info', route: '/login', method: 'POST', status: 400 });
		expect(lines[0]!.reqId).toBe(results[0]!.requestId);
		for (const secret of [
			person.email,
			person.email.split('@')[0]!,
			'nobody@example.org',
			person.password,
			'not the password',
			person.displayName,
			CLIENT_IP
		])
			expect(log, `log must not contain ${secret}`).not.toContain(secret);
	});

	it('shows the requests by route id and the database time at /metrics', async () => {
		await signIn(person.email, 'not the password again');
		const { body, contentType } = await renderAppMetrics();
		expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
		expect(body).toMatch(
			/beirat_http_request_duration_seconds_count\{method="POST",route="\/login",status="400"\} [1-9]/
		);
		expect(body).toMatch(
			/beirat_db_transaction_duration_seconds_count\{scope="(anon|throttle|local-auth)",outcome="commit"\} [1-9]/
		);
		expect(body).not.toContain(person.email);
	});
});
