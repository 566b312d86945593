import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendUpdates } from '$lib/server/collab/persistence';
import { appendParagraph, savedCounts, syncStep1Count, updateFrame } from '../support/collab-frames';
import { createPaper, rawSocket, storedDoc, textOf, until } from '../support/collab';
import { collabSuite } from '../support/collab-suite';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('updates Yjs parks for a missing dependency on $name', (target) => {
	const suite = collabSuite(target);

	it('does not acknowledge an update Yjs parks for a missing dependency, and asks for what is missing', async () => {
		const plain = await suite.node();
		const paperId = await createPaper(suite.db, { board: suite.world.board, author: suite.world.office });
		const source = new Y.Doc();
		const first = appendParagraph(source, 'Erster Teil');
		const second = appendParagraph(source, 'Zweiter Teil');
		const raw = await rawSocket(await suite.socketUrl(plain, suite.world.office, paperId));
		await raw.roundTrip();
		const asked = syncStep1Count(raw.received);
		// The second change alone: it builds on the first, which the server does not have.
		raw.ws.send(updateFrame(second, 2));
		await raw.roundTrip();
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(savedCounts(raw.received)).toEqual([]);
		expect(syncStep1Count(raw.received)).toBe(asked + 1);
		expect(textOf(await storedDoc(suite.db, paperId))).not.toContain('Zweiter Teil');
		expect(plain.server.metricsText()).toMatch(/beirat_collab_updates_pending_total 1/);
		// What the resync brings: the missing change. Both are stored, then both count as saved.
		raw.ws.send(updateFrame(first, 2));
		await until(() => savedCounts(raw.received).includes(2), 5_000, 'saved after the resync');
		const stored = textOf(await storedDoc(suite.db, paperId));
		expect(stored).toContain('Erster Teil');
		expect(stored).toContain('Zweiter Teil');
		raw.ws.close();
	});

	it('stores a parked update that a change from another node completes, before acknowledging it', async () => {
		const plain = await suite.node();
		const paperId = await createPaper(suite.db, { board: suite.world.board, author: suite.world.office });
		const source = new Y.Doc();
		const first = appendParagraph(source, 'Von anderswo');
		const second = appendParagraph(source, 'Geparkt');
		const raw = await rawSocket(await suite.socketUrl(plain, suite.world.office, paperId));
		raw.ws.send(updateFrame(second, 2));
		await raw.roundTrip();
		// The missing change reaches the log through another node; this node heals from the log.
		await appendUpdates(suite.db, paperId, [{ update: first, userId: suite.world.office.id }]);
		await plain.server.heal();
		// The client answers the resync request: nothing is missing any more.
		raw.ws.send(updateFrame(second, 2));
		await until(() => savedCounts(raw.received).includes(2), 5_000, 'saved');
		expect(textOf(await storedDoc(suite.db, paperId))).toContain('Geparkt');
		raw.ws.close();
	});
});
