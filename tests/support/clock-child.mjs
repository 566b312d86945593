// A process whose clock (and embedded PGlite's now()) runs at BEIRAT_CLOCK_START: started with
// `--import ./clock-shift.mjs`. Loads the TypeScript entry through Vite's module runner and sends one
// result to the parent over IPC (see tests/support/clock-child-main.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { module } = await runnerImport(path.join(root, 'tests/support/clock-child-main.ts'), {
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
try {
	process.send?.({ result: await module.main() });
} catch (error) {
	process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
process.disconnect?.();
