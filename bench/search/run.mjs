// Entry of `npm run bench:search`: loads the TypeScript bench through Vite's module runner (the
// migrations use import.meta.glob), like bench/collab's server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { module } = await runnerImport(path.join(root, 'bench/search/search-bench.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
await module.main();
process.exit(0);
