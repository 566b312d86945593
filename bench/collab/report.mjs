// Plain-text tables: one row per figure, one column per server.

export function percentile(sorted, q) {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The median of the values given (null and undefined left out); null when there are none. */
export function median(values) {
	const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (v) => (v == null ? '–' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
const fine = (v) => (v == null ? '–' : `${v.toFixed(3)} ms`);
const mib = (v) => (v == null ? '–' : `${(v / 1024 / 1024).toFixed(0)} MiB`);
const kib = (v) => (v == null ? '–' : `${(v / 1024).toFixed(0)} KiB`);
const num = (v, digits = 0) => (v == null ? '–' : v.toLocaleString('en', { maximumFractionDigits: digits }));

const ROWS = {
	typing: [
		['clients connected + synced', (r) => ms(r.connectMs)],
		['updates sent (typed tokens)', (r) => num(r.updatesSent)],
		['offered load (updates/s)', (r) => num(r.updatesPerSecond, 1)],
		['delivery latency p50', (r) => ms(r.latencyMs.p50)],
		['delivery latency p95', (r) => ms(r.latencyMs.p95)],
		['delivery latency p99', (r) => ms(r.latencyMs.p99)],
		['delivery latency max', (r) => ms(r.latencyMs.max)],
		['"saved" ack after change p50 (ours only)', (r) => (r.savedMs ? ms(r.savedMs.p50) : 'n/a')],
		['"saved" ack after change p99 (ours only)', (r) => (r.savedMs ? ms(r.savedMs.p99) : 'n/a')],
		['deliveries expected', (r) => num(r.deliveriesExpected)],
		['deliveries received', (r) => num(r.deliveriesReceived)],
		['lost updates', (r) => num(r.lost)],
		['time to settle after typing', (r) => ms(r.settleMs)],
		['converged (all texts + state vectors equal)', (r) => (r.converged ? 'yes' : `NO (${r.distinctTexts} texts)`)],
		['socket disconnects', (r) => num(r.disconnects)],
		['throughput (deliveries/s)', (r) => num(r.deliveriesPerSecond)],
		['client traffic (both ways)', (r) => `${kib(r.clientBytesPerSecond)}/s`],
		[
			'messages received by all clients',
			(r) => (r.clientMessagesPerSecond == null ? '–' : `${num(r.clientMessagesPerSecond)}/s`)
		],
		['client traffic per delivered token', (r) => `${num(r.clientBytesPerSecond / r.deliveriesPerSecond)} B`],
		['server CPU while typing', (r) => `${num(r.serverCpuPercent)} %`],
		['server event-loop delay p99 / max', (r) => `${ms(r.serverLoopDelayMs.p99)} / ${ms(r.serverLoopDelayMs.max)}`],
		['server RSS idle (paper set up)', (r) => mib(r.serverRss.idle)],
		['server RSS peak', (r) => mib(r.serverRss.peak)],
		['paper: characters', (r) => num(r.doc.chars)],
		['paper: Yjs state (encodeStateAsUpdate)', (r) => kib(r.doc.stateBytes)],
		['paper: stored bytes after stop', (r) => kib(r.doc.storedBytes)],
		['paper: log rows (ours)', (r) => num(r.doc.logRows)],
		[
			'bench process (all clients) CPU while typing',
			(r) => (r.clientCpuPercent == null ? '–' : `${num(r.clientCpuPercent)} %`)
		],
		['client event-loop delay p99 (bench process)', (r) => ms(r.clientLoopDelayP99Ms)]
	],
	cold: [
		['paper: characters / paragraphs', (r) => `${num(r.chars)} / ${num(r.paragraphs)}`],
		['paper: Yjs state', (r) => kib(r.stateBytes)],
		['paper: stored bytes', (r) => kib(r.storedBytes)],
		['paper: log rows (ours)', (r) => num(r.logRows)],
		['server process start (to listening)', (r) => ms(r.serverStartMs)],
		['cold load (connect → synced, full text)', (r) => ms(r.coldLoadMs)],
		['cold-loaded text equals the original', (r) => (r.coldLoadComplete ? 'yes' : 'NO')],
		['warm load (second client)', (r) => ms(r.warmLoadMs)],
		['server RSS after start', (r) => mib(r.serverRss.afterStart)],
		['server RSS with the paper loaded', (r) => mib(r.serverRss.afterLoad)]
	],
	// rounds.mjs: BENCH_ROUNDS rounds of one typing scenario.
	rounds: [
		['rounds run (failed)', (r) => `${r.rounds} (${r.failedRounds})`],
		['delivery latency p99, each round', (r) => r.p99PerRound.map((v) => v.toFixed(1)).join(' / ')],
		["median of the rounds' p99", (r) => ms(r.medianP99)],
		["all rounds' deliveries pooled: p50", (r) => ms(r.pooledMs.p50)],
		["all rounds' deliveries pooled: p95", (r) => ms(r.pooledMs.p95)],
		["all rounds' deliveries pooled: p99", (r) => ms(r.pooledMs.p99)],
		["all rounds' deliveries pooled: max", (r) => ms(r.pooledMs.max)],
		['lost updates (all rounds)', (r) => num(r.lost)],
		['converged in every round', (r) => (r.convergedEveryRound ? 'yes' : 'NO')],
		['socket disconnects (all rounds)', (r) => num(r.disconnects)],
		['server CPU while typing (median)', (r) => `${num(r.medianServerCpuPercent)} %`]
	],
	// commit-cost.mjs: medians of its rounds, per commit.
	commit: [
		['wall time', (r) => fine(r.wallMs)],
		['CPU of the server process (PGlite: both threads)', (r) => fine(r.processCpuMs)],
		['of it on the event loop (main thread busy)', (r) => fine(r.mainThreadMs)],
		['CPU of PostgreSQL', (r) => fine(r.postgresCpuMs)]
	]
};

export function formatTable(title, perServer, kind) {
	const names = Object.keys(perServer);
	const rows = ROWS[kind].map(([label, cell]) => [
		label,
		...names.map((name) => {
			const result = perServer[name];
			if (result.error) return 'failed';
			try {
				return cell(result);
			} catch {
				return '–';
			}
		})
	]);
	const errors = names.filter((name) => perServer[name].error).map((name) => `  ${name}: ${perServer[name].error}`);
	const table = [['', ...names], ...rows];
	const widths = table[0].map((_, col) => Math.max(...table.map((row) => String(row[col]).length)));
	const line = (row) =>
		row
			.map((cell, col) => (col === 0 ? String(cell).padEnd(widths[col]) : String(cell).padStart(widths[col])))
			.join('  ');
	return [
		title,
		'='.repeat(title.length),
		line(table[0]),
		...table.slice(1).map(line),
		...(errors.length ? ['errors:', ...errors] : [])
	].join('\n');
}
