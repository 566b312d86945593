import { describe, expect, it } from 'vitest';
import { CLOSE_TOO_MANY } from '$lib/collab/protocol';
import { rawSocket, until, upgradeStatus } from '../support/collab';
import { collabSuite } from '../support/collab-suite';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('tickets and socket caps of the collaboration server on $name', (target) => {
	const suite = collabSuite(target);

	it('opens one socket per ticket; a second use is refused', async () => {
		const plain = await suite.node();
		const url = await suite.socketUrl(plain, suite.world.editor, suite.world.paperId);
		expect(await upgradeStatus(url)).toBe(101);
		expect(await upgradeStatus(url)).toBe(401);
		expect(await upgradeStatus(await suite.socketUrl(plain, suite.world.editor, suite.world.paperId))).toBe(101);
	});

	it('caps the sockets of one person on a paper and of a paper overall, with 4429', async () => {
		const capped = await suite.node({ maxSocketsPerUserPerPaper: 2, maxSocketsPerPaper: 3 });
		const paperId = suite.world.paperId;
		// Many upgrades of one person at once: exactly the cap stays open.
		const burst = await Promise.all(
			Array.from({ length: 8 }, async () => rawSocket(await suite.socketUrl(capped, suite.world.editor, paperId)))
		);
		const codes = await Promise.all(
			burst.map((socket) =>
				Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))])
			)
		);
		expect(codes.filter((code) => code === null)).toHaveLength(2);
		expect(codes.filter((code) => code === CLOSE_TOO_MANY)).toHaveLength(6);
		// A refused socket never loaded the paper.
		for (const [i, socket] of burst.entries()) if (codes[i] === CLOSE_TOO_MANY) expect(socket.received).toEqual([]);
		const other = await rawSocket(await suite.socketUrl(capped, suite.world.editor2, paperId));
		await other.roundTrip();
		const overflow = await rawSocket(await suite.socketUrl(capped, suite.world.office, paperId));
		expect(await overflow.closed).toBe(CLOSE_TOO_MANY);
		// Room again once one closes.
		const open = burst.filter((_, i) => codes[i] === null);
		open[0]!.ws.close();
		await open[0]!.closed;
		await until(() => capped.server.metricsText().includes('beirat_collab_connections 2'), 5_000, 'socket released');
		const admitted = await rawSocket(await suite.socketUrl(capped, suite.world.office, paperId));
		await admitted.roundTrip();
		expect(capped.server.metricsText()).toMatch(/beirat_collab_closed_too_many_total 7/);
		for (const socket of [open[1]!, other, admitted]) socket.ws.close();
	});
});
