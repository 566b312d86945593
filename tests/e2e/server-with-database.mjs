// The first of two app nodes for the e2e run across nodes (playwright.config.ts, project `two-nodes`):
// creates the run's own PostgreSQL database (DATABASE_URL names it, E2E_ADMIN_DATABASE_URL is where
// to create it), runs server-with-log.mjs against it, and drops the database when the server ended.
// Playwright stops the second node first (teardown runs in reverse), so nobody uses it any more;
// `WITH (FORCE)` ends whatever connection is left anyway.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const adminUrl = process.env.E2E_ADMIN_DATABASE_URL;
const databaseUrl = process.env.DATABASE_URL;
if (!adminUrl || !databaseUrl) {
	console.error('server-with-database: E2E_ADMIN_DATABASE_URL and DATABASE_URL must be set');
	process.exit(1);
}
const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
if (!/^beirat_e2e_nodes_[a-z0-9_]+$/.test(name)) {
	console.error(`server-with-database: refusing to create or drop the database "${name}"`);
	process.exit(1);
}

/** Runs one statement on the admin database in a short-lived connection. */
async function admin(statement) {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(statement);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

await admin(`create database "${name}"`);

let dropped = false;
async function drop() {
	if (dropped) return;
	dropped = true;
	try {
		await admin(`drop database if exists "${name}" with (force)`);
	} catch (error) {
		console.warn(`server-with-database: could not drop ${name}: ${String(error)}`);
	}
}

const wrapper = fileURLToPath(new URL('./server-with-log.mjs', import.meta.url));
const server = spawn(process.execPath, [wrapper], { stdio: 'inherit' });
// Playwright signals the whole process group; the server shuts down on it and this script waits for that.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
	process.on(signal, () => {
		if (server.exitCode === null && server.signalCode === null) server.kill(signal);
	});
}
server.on('exit', (code, signal) => {
	void drop().then(() => process.exit(code ?? (signal ? 1 : 0)));
});
