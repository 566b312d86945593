// Loaded by the Vite plugin (dev only) through ssrLoadModule: the same module graph as the app.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getApp } from '../app';
import { runningCollabServer } from './collab-process';
import { refuseUpgrade } from './upgrade';

export async function handleDevUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
	await getApp();
	const server = runningCollabServer();
	if (!server) return refuseUpgrade(socket, 503);
	await server.handleUpgrade(request, socket, head);
}
