import { sveltekit } from '@sveltejs/kit/vite';
import { collabDevServer } from './src/lib/server/collab/vite-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit(), collabDevServer()],
	server: { host: '127.0.0.1' },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// One PGlite per file is heavy (~800 MB): keep files sequential on 2 cores.
					fileParallelism: false
				}
			}
		]
	}
});
