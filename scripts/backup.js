// `npm run backup [-- <file>]`: one archive of the embedded DATA_DIR (src/lib/server/ops/backup-cli.ts).
// PGlite allows only one process per directory: stop the app first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
	const { module } = await runnerImport(path.join(root, 'src/lib/server/ops/backup-cli.ts'), {
		configFile: false,
		root,
		logLevel: 'error',
		resolve: { alias: { $lib: path.join(root, 'src/lib') } }
	});
	process.exitCode = await module.backupMain(process.env, process.argv.slice(2));
} catch (error) {
	console.error('backup failed:', error instanceof Error ? error.message : error);
	process.exitCode = 2;
}
