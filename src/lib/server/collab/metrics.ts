// Collaboration metrics in the Prometheus text format (no client library: a handful of series).

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface CollabMetrics {
	updates: number;
	droppedUpdates: number;
	closedMalformed: number;
	closedTooBig: number;
	closedSlow: number;
	/** Sockets closed at once because the paper or the person had too many open (4429). */
	closedTooMany: number;
	/** Updates parked by Yjs for a missing dependency (not acknowledged; the client is asked to resync). */
	pendingUpdates: number;
	refusedUpgrades: number;
	remoteUpdates: number;
	persistErrors: number;
	/** Persist latency histogram (seconds): cumulative bucket counts, sum and count. */
	persist: { buckets: number[]; sum: number; count: number };
	/** Also told every persist latency (the process-wide server feeds /metrics, observability/metrics.ts). */
	onPersist?: (seconds: number) => void;
}

export function createMetrics(): CollabMetrics {
	return {
		updates: 0,
		droppedUpdates: 0,
		closedMalformed: 0,
		closedTooBig: 0,
		closedSlow: 0,
		closedTooMany: 0,
		pendingUpdates: 0,
		refusedUpgrades: 0,
		remoteUpdates: 0,
		persistErrors: 0,
		persist: { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }
	};
}

export function observePersist(metrics: CollabMetrics, seconds: number): void {
	BUCKETS.forEach((bound, i) => {
		if (seconds <= bound) metrics.persist.buckets[i]! += 1;
	});
	metrics.persist.sum += seconds;
	metrics.persist.count += 1;
	metrics.onPersist?.(seconds);
}

export interface Gauges {
	documents: number;
	connections: number;
}

/** Renders every series; `gauges` are read at scrape time. */
export function renderMetrics(metrics: CollabMetrics, gauges: Gauges): string {
	const lines: string[] = [];
	const series = (name: string, type: 'counter' | 'gauge', help: string, value: number) => {
		lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
	};
	series('beirat_collab_documents_loaded', 'gauge', 'Documents held in memory by this node.', gauges.documents);
	series('beirat_collab_connections', 'gauge', 'Open collaboration sockets on this node.', gauges.connections);
	series(
		'beirat_collab_updates_total',
		'counter',
		'Document updates accepted from clients and server-side changes.',
		metrics.updates
	);
	series(
		'beirat_collab_updates_dropped_total',
		'counter',
		'Updates dropped because the connection is read-only.',
		metrics.droppedUpdates
	);
	series('beirat_collab_remote_updates_total', 'counter', 'Updates applied from other nodes.', metrics.remoteUpdates);
	series(
		'beirat_collab_closed_malformed_total',
		'counter',
		'Sockets closed for a malformed message.',
		metrics.closedMalformed
	);
	series(
		'beirat_collab_closed_too_big_total',
		'counter',
		'Sockets closed for an oversized message.',
		metrics.closedTooBig
	);
	series(
		'beirat_collab_closed_slow_total',
		'counter',
		'Sockets closed because they did not keep up.',
		metrics.closedSlow
	);
	series(
		'beirat_collab_closed_too_many_total',
		'counter',
		'Sockets closed because the paper or the person had too many open.',
		metrics.closedTooMany
	);
	series(
		'beirat_collab_updates_pending_total',
		'counter',
		'Updates parked for a missing dependency (not acknowledged, resync requested).',
		metrics.pendingUpdates
	);
	series(
		'beirat_collab_upgrades_refused_total',
		'counter',
		'Upgrades refused (ticket, used ticket or path).',
		metrics.refusedUpgrades
	);
	series(
		'beirat_collab_persist_errors_total',
		'counter',
		'Group commits that failed (retried, or split up to isolate the failing write).',
		metrics.persistErrors
	);
	const name = 'beirat_collab_persist_seconds';
	lines.push(`# HELP ${name} Latency of a group commit to Postgres.`, `# TYPE ${name} histogram`);
	BUCKETS.forEach((bound, i) => lines.push(`${name}_bucket{le="${bound}"} ${metrics.persist.buckets[i]}`));
	lines.push(
		`${name}_bucket{le="+Inf"} ${metrics.persist.count}`,
		`${name}_sum ${metrics.persist.sum}`,
		`${name}_count ${metrics.persist.count}`
	);
	return `${lines.join('\n')}\n`;
}
