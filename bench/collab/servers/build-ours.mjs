// Builds a checkout's bench entry of our collaboration server (bench/collab/servers/ours-main.ts) into one ES
// module, as adapter-node builds the app: the server process then runs plain JavaScript with no Vite in it.
// Loading the same reference server through Vite's module runner instead made its delivery p99 0.4–0.5 ms
// worse in three of four runs (bench/collab/README.md), about the gap this bench was judging.
// Usage: node build-ours.mjs <checkout root> <output file>. Runs as its own process, so Vite stays out of the bench.
import path from 'node:path';
import { build } from 'vite';

const [root, outFile] = process.argv.slice(2);
if (!root || !outFile) throw new Error('usage: node build-ours.mjs <checkout root> <output file>');

await build({
	configFile: false,
	root,
	logLevel: 'error',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } },
	build: {
		// Dependencies stay external (an SSR build's default) and resolve from the checkout's node_modules.
		ssr: path.join(root, 'bench/collab/servers/ours-main.ts'),
		outDir: path.dirname(outFile),
		emptyOutDir: true,
		minify: false,
		target: 'node20',
		rollupOptions: { output: { entryFileNames: path.basename(outFile) } }
	}
});
