// A process of commit-cost.mjs: loads commit-cost-main.ts through Vite's module runner with `$lib` pointing at
// BENCH_CODE_ROOT (this checkout or the compared one) and prints its figures as one JSON line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.BENCH_CODE_ROOT;
const { module } = await runnerImport(path.join(here, 'commit-cost-main.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
console.log(JSON.stringify(await module.main()));
process.exit(0);
