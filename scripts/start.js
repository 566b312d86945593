// `npm start`: the one command for a newcomer. Builds only when the build is missing or older than
// its sources (a rebuild takes a while), then serves it with server.js.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HANDLER = path.join(root, 'build', 'handler.js');
// Everything that ends up in the build; `static/` is copied into it as well.
const SOURCES = ['src', 'supabase', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

/** Newest modification time under `target` (0 when it does not exist). */
function newestMtime(target) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

function needsBuild() {
	if (!fs.existsSync(HANDLER)) return true;
	const built = fs.statSync(HANDLER).mtimeMs;
	return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

function build() {
	// The local binary, not `npx vite`: npx would try to download vite when node_modules is missing.
	const vite = path.join(root, 'node_modules', '.bin', 'vite');
	console.log('Building Beirat (sources changed since the last build)…');
	const result = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed; see above.');
		process.exit(result.status ?? 1);
	}
}

function serve() {
	// DEMO_DATA stays unset on purpose: the config turns it on only in the embedded mode.
	const child = spawn(process.execPath, [path.join(root, 'server.js')], { cwd: root, stdio: 'inherit' });
	// A terminal's Ctrl+C reaches the child too; `kill`, systemd or Docker signal only this process.
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => {
		if (signal) {
			process.removeAllListeners(signal);
			process.kill(process.pid, signal);
		} else process.exit(code ?? 1);
	});
}

/** A fresh clone has no node_modules: install exactly what package-lock.json pins, once. */
function installWhenMissing() {
	if (fs.existsSync(path.join(root, 'node_modules', '.bin', 'vite'))) return;
	console.log('Installing dependencies (first start)…');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('Installing dependencies failed; see above.');
		process.exit(result.status ?? 1);
	}
}

installWhenMissing();
if (needsBuild()) build();
serve();
