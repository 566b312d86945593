// Our collaboration server in its own process: the bundle that build-ours.mjs made of a checkout's
// servers/ours-main.ts (BENCH_OURS_BUNDLE), plain JavaScript as in the app's production build.
import { pathToFileURL } from 'node:url';

const bundle = process.env.BENCH_OURS_BUNDLE;
if (!bundle) throw new Error('BENCH_OURS_BUNDLE must name the bundle built by build-ours.mjs');
const { main } = await import(pathToFileURL(bundle).href);
await main();
