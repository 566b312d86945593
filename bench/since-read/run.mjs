// Entry of `npm run bench:since-read`: loads the TypeScript bench through Vite's module runner (the app's
// modules use the $lib alias), like bench/search.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { module } = await runnerImport(path.join(root, 'bench/since-read/since-read-bench.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
await module.main();
process.exit(0);
