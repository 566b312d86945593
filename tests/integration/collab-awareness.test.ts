import { describe, expect, it } from 'vitest';
import { awarenessFrame } from '../support/collab-frames';
import { rawSocket, until } from '../support/collab';
import { collabSuite } from '../support/collab-suite';
import { testDatabases } from '../support/databases';

describe.each(testDatabases())('awareness limits of the collaboration server on $name', (target) => {
	const suite = collabSuite(target);

	it('keeps a paper loadable for new editors while a viewer floods awareness', async () => {
		// A send buffer of 2 MB: the flood below (4 MB of states) would not fit into one snapshot.
		const tight = await suite.node({ maxBufferedBytes: 2 * 1024 * 1024 });
		const paperId = suite.world.paperId;
		const writer = await suite.connect(tight, suite.world.editor, paperId);
		writer.type('Vor der Flut');
		await until(() => writer.allSaved(), 5_000, 'saved');
		const watcher = await suite.connect(tight, suite.world.editor2, paperId);
		let largestSeen = 0;
		watcher.provider.awareness.on('change', () => {
			for (const state of watcher.provider.awareness.getStates().values())
				largestSeen = Math.max(largestSeen, JSON.stringify(state).length);
		});
		const viewer = await rawSocket(await suite.socketUrl(tight, suite.world.viewer, paperId));
		const padding = 'x'.repeat(450);
		for (let frame = 0; frame < 4; frame++) {
			const entries = Array.from({ length: 2_000 }, (_, i) => ({
				clientId: 10_000 + frame * 2_000 + i,
				clock: 1,
				state: { cursor: null, padding }
			}));
			viewer.ws.send(awarenessFrame(entries));
		}
		// Its own client (the first it announced) with an oversized state, then a small marker.
		viewer.ws.send(
			awarenessFrame([{ clientId: 10_000, clock: 2, state: { cursor: null, padding: 'y'.repeat(20_000) } }])
		);
		viewer.ws.send(awarenessFrame([{ clientId: 10_000, clock: 3, state: { cursor: null, marker: 'Ende' } }]));
		await until(
			() => (watcher.provider.awareness.getStates().get(10_000) as { marker?: string } | undefined)?.marker === 'Ende',
			5_000,
			'marker'
		);
		const newcomer = await suite.connect(tight, suite.world.editor, paperId);
		expect(newcomer.text()).toContain('Vor der Flut');
		newcomer.type('Nach der Flut');
		await until(() => newcomer.allSaved() && watcher.text().includes('Nach der Flut'), 5_000, 'the newcomer edits');
		expect(newcomer.provider.wsconnected).toBe(true);
		// The viewer's socket speaks for one client only, and its oversized state reached nobody.
		const viewerStates = [...watcher.provider.awareness.getStates().values()].filter(
			(state) => (state as { user?: { id: string } }).user?.id === suite.world.viewer.id
		);
		expect(viewerStates).toHaveLength(1);
		expect(largestSeen).toBeLessThan(20_000);
		viewer.ws.close();
	});
});
