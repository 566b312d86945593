// A running "app" for the online backup drill: owns DATA_DIR's PGlite, serves DATA_DIR/run/backup.sock like
// the app does (startOnlineBackup), and writes decisions and files until told to stop. Loads the TypeScript
// entry through Vite's module runner (see tests/support/backup-app-child-main.ts); talks to the parent over IPC.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
try {
	const { module } = await runnerImport(path.join(root, 'tests/support/backup-app-child-main.ts'), {
		configFile: false,
		root,
		logLevel: 'error',
		resolve: { alias: { $lib: path.join(root, 'src/lib') } }
	});
	await module.main();
} catch (error) {
	process.send?.({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
	process.exitCode = 1;
}
process.disconnect?.();
