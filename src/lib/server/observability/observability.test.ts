import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { createLogger, logger, useLogger, withoutEmailAddresses } from './log';
import { provideCollabSource, renderAppMetrics, setMailQueue, timeTransaction, type CollabSnapshot } from './metrics';
import { observeRequests, requestIdFrom } from './request';

function capture() {
	const lines: Record<string, unknown>[] = [];
	useLogger(
		createLogger(
			new Writable({
				write(chunk: Buffer, _encoding, done) {
					lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
					done();
				}
			})
		)
	);
	return lines;
}

function event(path: string, route: string | null, headers: Record<string, string> = {}): RequestEvent {
	return {
		request: new Request(`http://beirat.test${path}`, { headers }),
		route: { id: route },
		locals: { user: { userId: 'u-1' } }
	} as unknown as RequestEvent;
}

const original = logger();
afterEach(() => {
	useLogger(original);
	provideCollabSource(null);
});

describe('request ids', () => {
	it("keeps a proxy's id that looks like one and replaces anything else", () => {
		expect(requestIdFrom('4f1c2a9e0b7d4c3a')).toBe('4f1c2a9e0b7d4c3a');
		for (const bad of [null, '', 'short', 'x'.repeat(65), 'a b c d e f g h', '<script>alert(1)</script>'])
			expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('observeRequests', () => {
	it('logs one line by route id (not the path with its token), sets x-request-id and the metric', async () => {
		const lines = capture();
		const response = await observeRequests({
			event: event('/invite/secret-token-123', '/invite/[token]', { 'x-request-id': 'proxy-id-0001' }),
			resolve: async () => new Response('ok', { status: 200 })
		});
		expect(response.headers.get('x-request-id')).toBe('proxy-id-0001');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 'info',
			msg: 'request',
			reqId: 'proxy-id-0001',
			route: '/invite/[token]',
			status: 200,
			user: 'u-1'
		});
		expect(JSON.stringify(lines)).not.toContain('secret-token-123');
		const { body } = await renderAppMetrics();
		expect(body).toMatch(
			/beirat_http_request_duration_seconds_count\{method="GET",route="\/invite\/\[token\]",status="200"\} 1/
		);
	});

	it('logs a redirect thrown by a later hook with its status and lets it through', async () => {
		const lines = capture();
		await expect(
			observeRequests({
				event: event('/b/x/papers', '/b/[board]/papers'),
				resolve: async () => redirect(303, '/login')
			})
		).rejects.toMatchObject({ status: 303 });
		expect(lines[0]).toMatchObject({ status: 303, route: '/b/[board]/papers' });
	});

	it('keeps probes out of the info log and names unmatched paths "unmatched"', async () => {
		const lines = capture();
		await observeRequests({ event: event('/healthz', '/healthz'), resolve: async () => new Response('ok') });
		await observeRequests({
			event: event('/nothing/here', null),
			resolve: async () => new Response('', { status: 404 })
		});
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ route: 'unmatched', status: 404 });
	});
});

describe('logger', () => {
	it('redacts personal fields that reach it anyway', () => {
		const lines = capture();
		logger().info({ email: 'a@b.example', user: { name: 'Erika', ip: '203.0.113.9' }, id: 'u-1' }, 'x');
		const text = JSON.stringify(lines);
		for (const secret of ['a@b.example', 'Erika', '203.0.113.9']) expect(text).not.toContain(secret);
		expect(lines[0]).toMatchObject({ id: 'u-1', email: '[redacted]' });
	});
});

describe('withoutEmailAddresses', () => {
	it("removes the addresses an SMTP server's answer quotes", () => {
		expect(withoutEmailAddresses('550 5.1.1 <erika.muster@hamm.example>: Recipient address rejected')).toBe(
			'550 5.1.1 <[e-mail]>: Recipient address rejected'
		);
		expect(withoutEmailAddresses('connect ECONNREFUSED 127.0.0.1:465')).toBe('connect ECONNREFUSED 127.0.0.1:465');
	});
});

describe('app metrics', () => {
	it('reports collaboration sockets and tallies, the mail queue and database time', async () => {
		const counters = { updates: 7, persistErrors: 1 } as unknown as CollabSnapshot['counters'];
		provideCollabSource(() => ({ connections: 3, documents: 2, counters }));
		setMailQueue({ pending: 4, failed: 1 });
		await timeTransaction('anon', async () => 1);
		await expect(
			timeTransaction('anon', async () => {
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		const { body } = await renderAppMetrics();
		expect(body).toContain('beirat_collab_connections 3');
		expect(body).toContain('beirat_collab_documents_loaded 2');
		expect(body).toContain('beirat_collab_updates_total 7');
		expect(body).toContain('beirat_collab_persist_errors_total 1');
		expect(body).toContain('beirat_mail_outbox_unsent{state="pending"} 4');
		expect(body).toContain('beirat_mail_outbox_unsent{state="failed"} 1');
		expect(body).toMatch(/beirat_db_transaction_duration_seconds_count\{scope="anon",outcome="commit"\} [1-9]/);
		expect(body).toMatch(/beirat_db_transaction_duration_seconds_count\{scope="anon",outcome="error"\} [1-9]/);
		expect(body).toContain('# TYPE beirat_collab_persist_seconds histogram');
		expect(body).toContain('process_cpu_seconds_total');
	});
});
