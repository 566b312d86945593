// A process' memory and CPU time from /proc (Linux), for the bench's tables.
import fs from 'node:fs';

/**
 * Resident set size (bytes) and CPU time (s) of a process; zeros for a process that is gone.
 * @param {number} pid
 * @returns {{ rss: number, cpuSeconds: number }}
 */
export function processStats(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
		return { rss: rssKb * 1024, cpuSeconds: ticks / 100 };
	} catch {
		return { rss: 0, cpuSeconds: 0 };
	}
}
