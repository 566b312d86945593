// A small file persistence for the peer servers (they ship none that runs here without native
// modules): an append-only log of length-prefixed Yjs updates per document, one file each.
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';

export function createFileStore(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const fileOf = (name) => path.join(dir, `${encodeURIComponent(name)}.ylog`);
	const queues = new Map();

	return {
		/** Everything stored for the document, merged (null when nothing is stored). */
		load(name) {
			const file = fileOf(name);
			if (!fs.existsSync(file)) return null;
			const buffer = fs.readFileSync(file);
			const updates = [];
			for (let offset = 0; offset + 4 <= buffer.length;) {
				const length = buffer.readUInt32LE(offset);
				if (offset + 4 + length > buffer.length) break; // torn tail after a crash
				updates.push(new Uint8Array(buffer.subarray(offset + 4, offset + 4 + length)));
				offset += 4 + length;
			}
			return updates.length === 0 ? null : Y.mergeUpdates(updates);
		},
		/** Appends one update (writes of one document are serialised, none block the event loop). */
		append(name, update) {
			const frame = Buffer.alloc(4 + update.length);
			frame.writeUInt32LE(update.length, 0);
			frame.set(update, 4);
			const previous = queues.get(name) ?? Promise.resolve();
			const next = previous.then(() => fs.promises.appendFile(fileOf(name), frame));
			queues.set(name, next);
			return next;
		},
		/** Replaces the log by one full state (compaction). */
		async replace(name, state) {
			const previous = queues.get(name) ?? Promise.resolve();
			const next = previous.then(async () => {
				const frame = Buffer.alloc(4 + state.length);
				frame.writeUInt32LE(state.length, 0);
				frame.set(state, 4);
				await fs.promises.writeFile(`${fileOf(name)}.tmp`, frame);
				await fs.promises.rename(`${fileOf(name)}.tmp`, fileOf(name));
			});
			queues.set(name, next);
			return next;
		},
		async flushed() {
			await Promise.all(queues.values());
		},
		bytes(name) {
			const file = fileOf(name);
			return fs.existsSync(file) ? fs.statSync(file).size : 0;
		}
	};
}
