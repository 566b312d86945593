import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editRecordsOf } from './edit-authors';

/** A document of one Yjs client whose updates are collected. */
function writer(clientID: number) {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return { doc, text: doc.getText('t'), updates };
}

describe('editRecordsOf', () => {
	it('names each client by its first writer, each deleted range by its first deleter, each editor once', () => {
		const anna = writer(1);
		anna.text.insert(0, 'Hallo Welt');
		const ben = writer(2);
		Y.applyUpdate(ben.doc, anna.updates[0]!);
		ben.updates.length = 0; // Anna's text, not Ben's writing
		ben.text.insert(10, '!');
		ben.text.delete(0, 6);
		const records = editRecordsOf([
			{ update: anna.updates[0]!, userId: 'anna' },
			{ update: ben.updates[0]!, userId: 'ben' },
			{ update: ben.updates[1]!, userId: 'ben' },
			// A replay of the same deletion by somebody else: the first deleter keeps the range.
			{ update: ben.updates[1]!, userId: 'carla' }
		]);
		expect([...records.clients]).toEqual([
			[1, 'anna'],
			[2, 'ben']
		]);
		expect(records.deletions).toEqual([[1, 0, 6, 'ben']]);
		expect(records.users).toEqual(['anna', 'ben', 'carla']);
	});

	it('records nothing for updates without a person, and survives an update that is no Yjs update', () => {
		const anna = writer(1);
		anna.text.insert(0, 'x');
		expect(editRecordsOf([{ update: anna.updates[0]!, userId: null }])).toEqual({
			clients: new Map(),
			deletions: [],
			users: []
		});
		const broken = editRecordsOf([{ update: new Uint8Array([255, 255, 255]), userId: 'anna' }]);
		expect(broken.clients.size).toBe(0);
		expect(broken.deletions).toEqual([]);
		expect(broken.users).toEqual(['anna']);
	});
});
