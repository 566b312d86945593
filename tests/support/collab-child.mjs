// A collaboration server in its own process (for the crash test; usable by benchmarks too).
// Loads the TypeScript entry through Vite's module runner; talks to the parent over IPC.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { module } = await runnerImport(path.join(root, 'tests/support/collab-child-main.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
await module.main();
