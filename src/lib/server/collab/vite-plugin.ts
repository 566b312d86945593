// `npm run dev`: routes WebSocket upgrades under /collab/ to the collaboration server inside Vite's
// own process, so it shares the app's single PGlite instance (both live on globalThis).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin, ViteDevServer } from 'vite';

const ENTRY = '/src/lib/server/collab/dev-upgrade.ts';

interface DevUpgradeModule {
	handleDevUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
}

export function collabDevServer(): Plugin {
	return {
		name: 'beirat-collab-dev-server',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			server.httpServer?.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
				// Vite's HMR socket shares this server: only /collab/ is ours.
				if (!request.url?.startsWith('/collab/')) return;
				socket.on('error', () => {});
				(server.ssrLoadModule(ENTRY) as Promise<DevUpgradeModule>)
					.then((module) => module.handleDevUpgrade(request, socket, head))
					.catch((error: unknown) => {
						server.config.logger.error(`collab: upgrade failed: ${String(error)}`);
						socket.destroy();
					});
			});
		}
	};
}
