// Verifies the decision log's hash chains (see src/lib/server/decisions/verify-cli.ts).
// Embedded database: stop the app first; only one process may open a PGlite directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
	const { module } = await runnerImport(path.join(root, 'src/lib/server/decisions/verify-cli.ts'), {
		configFile: false,
		root,
		logLevel: 'error',
		resolve: { alias: { $lib: path.join(root, 'src/lib') } }
	});
	process.exitCode = await module.main();
} catch (error) {
	console.error('decisions:verify failed:', error instanceof Error ? error.message : error);
	process.exitCode = 2;
}
