// Several rounds of the same typing scenario (BENCH_ROUNDS): the delivery p99 of one run of a server moves by a
// millisecond or more between runs of the same code, more than the differences the goals of issue #13 ask about.
// Each round runs every server once, the order rotated between rounds, and the summary pools all rounds.
import { median, percentile } from './report.mjs';

/** Round `round` runs the servers starting at a different one each time (round 0: the order asked for). */
export function orderForRound(specs, round) {
	if (specs.length === 0) return [];
	const start = round % specs.length;
	return [...specs.slice(start), ...specs.slice(0, start)];
}

/**
 * rounds: one { [server]: result } per round (a result may be { error }); latencies: { [server]: number[][] },
 * each round's delivery latencies of that server. Returns { [server]: summary }.
 */
export function summarizeRounds(rounds, latencies) {
	const names = [...new Set(rounds.flatMap((round) => Object.keys(round)))];
	const summary = {};
	for (const name of names) {
		const done = rounds.map((round) => round[name]).filter((result) => result && !result.error);
		const pooled = (latencies[name] ?? []).flat().sort((a, b) => a - b);
		summary[name] = {
			rounds: done.length,
			failedRounds: rounds.length - done.length,
			p99PerRound: done.map((result) => result.latencyMs.p99),
			medianP99: median(done.map((result) => result.latencyMs.p99)),
			pooledMs: {
				p50: percentile(pooled, 0.5),
				p95: percentile(pooled, 0.95),
				p99: percentile(pooled, 0.99),
				max: pooled.at(-1) ?? null,
				samples: pooled.length
			},
			lost: done.reduce((sum, result) => sum + result.lost, 0),
			convergedEveryRound: done.every((result) => result.converged),
			disconnects: done.reduce((sum, result) => sum + result.disconnects, 0),
			medianServerCpuPercent: median(done.map((result) => result.serverCpuPercent))
		};
	}
	return summary;
}
