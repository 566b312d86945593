// Runs server.js for Playwright (webServer) and copies its output, as it comes, into E2E_SERVER_LOG,
// so that global-teardown.ts can fail the run on a stack trace. Output still reaches Playwright too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const log = process.env.E2E_SERVER_LOG;
if (!log) {
	console.error('server-with-log: E2E_SERVER_LOG is not set');
	process.exit(1);
}
fs.mkdirSync(path.dirname(log), { recursive: true });
fs.writeFileSync(log, '');

const serverJs = fileURLToPath(new URL('../../server.js', import.meta.url));
const server = spawn(process.execPath, [serverJs], { cwd: path.dirname(serverJs), stdio: ['inherit', 'pipe', 'pipe'] });
// Written synchronously: the teardown reads the file right after the last test.
server.stdout.on('data', (chunk) => {
	fs.appendFileSync(log, chunk);
	process.stdout.write(chunk);
});
server.stderr.on('data', (chunk) => {
	fs.appendFileSync(log, chunk);
	process.stderr.write(chunk);
});

// Playwright stops the server with SIGTERM (gracefulShutdown); server.js shuts down cleanly on it.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
// Never leave the server behind on the port when this wrapper ends some other way.
process.on('exit', () => {
	if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});
