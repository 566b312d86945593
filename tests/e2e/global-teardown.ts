import fs from 'node:fs';
import { registeredServerLogs, unexpectedErrors } from './server-log';

/**
 * Fails the e2e run when a server logged an unexpected error: a 500 or a stack trace is a bug even
 * when the page the test looked at seemed fine (bad input must be refused as 400/404).
 */
export default function checkServerLogs(): void {
	const files = registeredServerLogs();
	if (files.length === 0)
		throw new Error('No e2e server log registered (see registerServerLog in playwright.config.ts).');
	const found: string[] = [];
	for (const file of files) {
		if (!fs.existsSync(file))
			throw new Error(`The e2e server's log ${file} is missing (see tests/e2e/server-with-log.mjs).`);
		found.push(...unexpectedErrors(fs.readFileSync(file, 'utf8')).map((error) => `${error}   (${file})`));
	}
	if (found.length > 0) {
		throw new Error(
			`The server logged ${found.length} unexpected error(s) with a stack trace:\n${found.slice(0, 20).join('\n')}`
		);
	}
}
