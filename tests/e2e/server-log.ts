import { fileURLToPath } from 'node:url';

// The e2e server's output is kept in a file (tests/e2e/server-with-log.mjs) and read after the run
// (global-teardown.ts): a stack trace in it means some request failed unexpectedly, which fails the
// run even when every page looked fine to the tests.

/** Where the server run by Playwright on `port` writes its output (one file per port, see E2E_PORT). */
export function serverLogPath(port: number): string {
	return fileURLToPath(new URL(`../../test-results/e2e-server-${port}.log`, import.meta.url));
}

/**
 * The log of the server on `port`, remembered for the teardown: the runner loads the config and later
 * runs the global teardown in the same process, so the list travels in its environment.
 */
export function registerServerLog(port: number): string {
	const file = serverLogPath(port);
	const known = registeredServerLogs();
	if (!known.includes(file)) process.env.E2E_SERVER_LOGS = JSON.stringify([...known, file]);
	return file;
}

/** The logs of every server this run started. */
export function registeredServerLogs(): string[] {
	return JSON.parse(process.env.E2E_SERVER_LOGS || '[]') as string[];
}

/** handleError in hooks.server.ts logs `[METHOD /path]` before the error of an unexpected failure. */
const UNEXPECTED_ERROR = /^\[(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) [^\]]*\] /;
/**
 * A JSON log line (pino, src/lib/server/observability/log.ts) at level error or fatal: handleError's
 * unexpected errors. Its stack is inside the line, so it is reported as `[METHOD route] message`.
 */
function jsonError(line: string): string | null {
	if (!line.startsWith('{')) return null;
	try {
		const entry = JSON.parse(line) as {
			level?: unknown;
			method?: string;
			route?: string;
			msg?: string;
			err?: { message?: string };
		};
		if (entry.level !== 'error' && entry.level !== 'fatal') return null;
		return `[${entry.method ?? '?'} ${entry.route ?? '?'}] ${entry.msg ?? ''}: ${entry.err?.message ?? ''}`;
	} catch {
		return null;
	}
}
/** A stack frame as Node prints it. */
const STACK_FRAME = /^\s+at \S/;

/**
 * The unexpected errors in a server log: each `[METHOD /path] …` line of handleError, and the first
 * line of every other stack trace, with the line that named the error when there is one.
 */
export function unexpectedErrors(log: string): string[] {
	// eslint-disable-next-line no-control-regex
	const lines = log.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
	const found: string[] = [];
	let inStack = false;
	lines.forEach((line, i) => {
		const logged = jsonError(line);
		if (logged) {
			found.push(logged);
			inStack = false;
		} else if (UNEXPECTED_ERROR.test(line)) {
			found.push(line);
			inStack = true;
		} else if (STACK_FRAME.test(line)) {
			if (!inStack) found.push(`${lines[i - 1]?.trim() || '(stack)'} ${line.trim()}`);
			inStack = true;
		} else if (line.trim() && !line.startsWith(' ') && !line.startsWith('}')) {
			inStack = false;
		}
	});
	return found;
}
