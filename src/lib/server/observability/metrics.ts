// The node's metrics in the Prometheus text format, through prom-client: request durations per route,
// database time, collaboration sockets and commit latency, the mail queue, and Node's own process metrics.
// One registry per process (on globalThis: Vite re-evaluates modules, a metric must be registered once).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What the collaboration server of this node reports at scrape time (collab-process.ts hands it in). */
export interface CollabSnapshot {
	connections: number;
	documents: number;
	counters: Readonly<Record<CollabCounter, number>>;
}

/** Counters of the collaboration server (src/lib/server/collab/metrics.ts), by field name. */
const COLLAB_COUNTERS = {
	updates: ['beirat_collab_updates_total', 'Document updates accepted from clients and server-side changes.'],
	droppedUpdates: ['beirat_collab_updates_dropped_total', 'Updates dropped because the connection is read-only.'],
	remoteUpdates: ['beirat_collab_remote_updates_total', 'Updates applied from other nodes.'],
	pendingUpdates: [
		'beirat_collab_updates_pending_total',
		'Updates parked for a missing dependency (not acknowledged, resync requested).'
	],
	persistErrors: ['beirat_collab_persist_errors_total', 'Group commits that failed (retried or split up).'],
	refusedUpgrades: ['beirat_collab_upgrades_refused_total', 'Upgrades refused (ticket, used ticket or path).'],
	closedMalformed: ['beirat_collab_closed_malformed_total', 'Sockets closed for a malformed message.'],
	closedTooBig: ['beirat_collab_closed_too_big_total', 'Sockets closed for an oversized message.'],
	closedSlow: ['beirat_collab_closed_slow_total', 'Sockets closed because they did not keep up.'],
	closedTooMany: ['beirat_collab_closed_too_many_total', 'Sockets refused because the paper or person had too many.']
} as const;
export type CollabCounter = keyof typeof COLLAB_COUNTERS;

function create() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	const sources: { collab: (() => CollabSnapshot | null) | null } = { collab: null };
	const collab = () => sources.collab?.() ?? null;
	const metrics = {
		registry,
		sources,
		httpDuration: new Histogram({
			name: 'beirat_http_request_duration_seconds',
			help: 'HTTP requests by method, SvelteKit route id and status.',
			labelNames: ['method', 'route', 'status'] as const,
			buckets: SECONDS,
			registers: [registry]
		}),
		dbDuration: new Histogram({
			name: 'beirat_db_transaction_duration_seconds',
			help: 'Database transactions by scope (authenticated, anon, or the system task).',
			labelNames: ['scope', 'outcome'] as const,
			buckets: SECONDS,
			registers: [registry]
		}),
		collabCommit: new Histogram({
			name: 'beirat_collab_persist_seconds',
			help: 'Latency of a group commit of co-editing updates to Postgres.',
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers: [registry]
		}),
		mailUnsent: new Gauge({
			name: 'beirat_mail_outbox_unsent',
			help: 'Mails in the outbox not sent yet: pending (will be tried) or failed (gave up).',
			labelNames: ['state'] as const,
			registers: [registry]
		}),
		mailScrapeErrors: new Counter({
			name: 'beirat_mail_outbox_scrape_errors_total',
			help: 'Scrapes that could not count the outbox (database unavailable).',
			registers: [registry]
		})
	};
	new Gauge({
		name: 'beirat_collab_connections',
		help: 'Open collaboration sockets on this node.',
		registers: [registry],
		collect() {
			this.set(collab()?.connections ?? 0);
		}
	});
	new Gauge({
		name: 'beirat_collab_documents_loaded',
		help: 'Documents held in memory by this node.',
		registers: [registry],
		collect() {
			this.set(collab()?.documents ?? 0);
		}
	});
	for (const [field, [name, help]] of Object.entries(COLLAB_COUNTERS)) {
		new Counter({
			name,
			help,
			registers: [registry],
			// The collaboration server keeps its own tallies (tests read them per server): copied at scrape time.
			collect() {
				this.reset();
				this.inc(collab()?.counters[field as CollabCounter] ?? 0);
			}
		});
	}
	return metrics;
}

const holder = globalThis as { __beiratMetrics?: ReturnType<typeof create> };

/** The process-wide metrics. */
export function appMetrics() {
	return (holder.__beiratMetrics ??= create());
}

/** The collaboration server of this process reports through `source` (null: none running). */
export function provideCollabSource(source: (() => CollabSnapshot | null) | null): void {
	appMetrics().sources.collab = source;
}

/** One group commit took `seconds`. */
export function observeCollabCommit(seconds: number): void {
	appMetrics().collabCommit.observe(seconds);
}

/** One HTTP request: `route` is SvelteKit's route id (never the raw path, which may hold tokens). */
export function observeRequest(input: { method: string; route: string | null; status: number; seconds: number }) {
	appMetrics().httpDuration.observe(
		{
			method: METHODS.has(input.method) ? input.method : 'other',
			route: input.route ?? 'unmatched',
			status: String(input.status)
		},
		input.seconds
	);
}

/** Times one database transaction. */
export async function timeTransaction<T>(scope: string, run: () => Promise<T>): Promise<T> {
	const end = appMetrics().dbDuration.startTimer({ scope });
	try {
		const result = await run();
		end({ outcome: 'commit' });
		return result;
	} catch (error) {
		end({ outcome: 'error' });
		throw error;
	}
}

/** The mail queue, counted just before a scrape. */
export function setMailQueue(counts: { pending: number; failed: number } | null): void {
	const { mailUnsent, mailScrapeErrors } = appMetrics();
	if (!counts) return mailScrapeErrors.inc();
	mailUnsent.set({ state: 'pending' }, counts.pending);
	mailUnsent.set({ state: 'failed' }, counts.failed);
}

/** The Prometheus text of this node and its content type. */
export async function renderAppMetrics(): Promise<{ body: string; contentType: string }> {
	const { registry } = appMetrics();
	return { body: await registry.metrics(), contentType: registry.contentType };
}
