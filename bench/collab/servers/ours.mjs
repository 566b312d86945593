// Our collaboration server in its own process. The TypeScript (with Vite-only imports such as the
// migrations' import.meta.glob) is loaded through Vite's module runner, like tests/support/collab-child.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { module } = await runnerImport(path.join(root, 'bench/collab/servers/ours-main.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
await module.main();
