// Hand-made socket frames for the collaboration tests (what a client could send, valid or hostile).
import type { TestClient } from './collab';

/** Every close code a client's sockets got, in order (1006 etc. included). */
export function closeCodes(client: TestClient): number[] {
	const codes: number[] = [];
	client.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));
	return codes;
}
