// Bench clients: one Y.Doc + one provider (+ one socket) each, as the editor uses them.
// Each client types into its own paragraph of the shared Y.XmlFragment 'default' (TipTap's) and
// notices every other client's tokens as they arrive, for delivery latency and loss.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';

/** Our server's "your updates are committed" message (src/lib/collab/protocol.ts: type 100, varUint count). */
const MESSAGE_SAVED = 100;

export const FRAGMENT = 'default';
const TOKEN = /\[(\d+):(\d+)\]/g;

/**
 * A ws WebSocket that counts bytes both ways into `counter`, and remembers when each sync-step-2 or
 * update frame left (what our server's SAVED count refers to; it counts per socket).
 */
function countingSocket(counter, updateFrames) {
	return class CountingWebSocket extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols);
			updateFrames.length = 0;
			updateFrames.acked = 0;
			this.on('message', (data) => {
				counter.rx += data.byteLength ?? data.length ?? 0;
				counter.rxMessages = (counter.rxMessages ?? 0) + 1;
			});
		}
		send(data, ...rest) {
			counter.tx += data.byteLength ?? data.length ?? 0;
			if (data[0] === 0 && (data[1] === 1 || data[1] === 2)) updateFrames.push(performance.now());
			super.send(data, ...rest);
		}
	};
}

/**
 * target: { kind: 'y-websocket', serverUrl, room, params } or { kind: 'hocuspocus', url, name }.
 * onTokens(tokens[]) is called with every foreign token seen, at the time it is seen.
 */
export function createClient(target, { counter, onTokens, onSaved } = {}) {
	const doc = new Y.Doc();
	const updateFrames = Object.assign([], { acked: 0 });
	const WebSocketPolyfill = countingSocket(counter ?? { rx: 0, tx: 0 }, updateFrames);
	let provider;
	const state = { disconnects: 0, connected: false };
	if (target.kind === 'hocuspocus') {
		provider = new HocuspocusProvider({ url: target.url, name: target.name, document: doc, WebSocketPolyfill });
		provider.on('status', ({ status }) => {
			if (status === 'disconnected' && state.connected) state.disconnects += 1;
			state.connected = status === 'connected';
		});
	} else {
		provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
			params: target.params ?? {},
			WebSocketPolyfill,
			disableBc: true
		});
		provider.on('status', ({ status }) => {
			if (status === 'disconnected' && state.connected) state.disconnects += 1;
			state.connected = status === 'connected';
		});
		// Our server acknowledges committed updates; the peers never send this message.
		provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			const count = decoding.readVarUint(decoder);
			const now = performance.now();
			for (let k = updateFrames.acked; k < Math.min(count, updateFrames.length); k++) onSaved?.(now - updateFrames[k]);
			updateFrames.acked = Math.max(updateFrames.acked, count);
		};
	}
	const fragment = doc.getXmlFragment(FRAGMENT);
	if (onTokens) {
		fragment.observeDeep((events, transaction) => {
			if (transaction.local) return;
			const seen = [];
			for (const event of events) {
				if (event.target === fragment) {
					for (const item of event.changes.added)
						for (const node of item.content.getContent()) collect(String(node.toString()), seen);
				} else if (event.target instanceof Y.XmlText || event.target instanceof Y.Text) {
					for (const op of event.delta) if (typeof op.insert === 'string') collect(op.insert, seen);
				}
			}
			if (seen.length > 0) onTokens(seen, performance.now());
		});
	}
	let own = null;
	return {
		doc,
		provider,
		state,
		synced: () => (target.kind === 'hocuspocus' ? provider.isSynced : provider.synced),
		/** Creates this client's paragraph (once, before typing). */
		openParagraph() {
			doc.transact(() => {
				const paragraph = new Y.XmlElement('paragraph');
				own = new Y.XmlText();
				paragraph.insert(0, [own]);
				fragment.push([paragraph]);
			});
		},
		/** Types `text` at the end of the own paragraph and moves the caret (awareness), like an editor. */
		type(text, withCaret) {
			own.insert(own.length, text);
			if (withCaret) provider.awareness.setLocalStateField('cursor', { anchor: own.length, head: own.length });
		},
		/** Appends whole paragraphs (seeding a large paper). */
		appendParagraphs(texts) {
			doc.transact(() => {
				fragment.push(
					texts.map((text) => {
						const paragraph = new Y.XmlElement('paragraph');
						paragraph.insert(0, [new Y.XmlText(text)]);
						return paragraph;
					})
				);
			});
		},
		text: () => textOf(doc),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

function collect(text, into) {
	for (const match of text.matchAll(TOKEN)) into.push(`${match[1]}:${match[2]}`);
}

/** The paper's text, paragraph by paragraph. */
export function textOf(doc) {
	return doc
		.getXmlFragment(FRAGMENT)
		.toArray()
		.map((node) =>
			node instanceof Y.XmlElement
				? node
						.toArray()
						.map((child) => String(child.toString()))
						.join('')
				: ''
		)
		.join('\n');
}

/** Number of characters in the paper (paragraph texts only). */
export function charCount(doc) {
	let n = 0;
	for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
		if (node instanceof Y.XmlElement)
			for (const child of node.toArray()) if (child instanceof Y.XmlText) n += child.length;
	}
	return n;
}
