// `npm run restore -- <file>`: restores a backup into an empty DATA_DIR (src/lib/server/ops/backup-cli.ts).
// Refuses a non-empty DATA_DIR and a damaged archive; writes nothing unless every check passes.
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
	process.exitCode = await module.restoreMain(process.env, process.argv.slice(2));
} catch (error) {
	console.error('restore failed:', error instanceof Error ? error.message : error);
	process.exitCode = 2;
}
