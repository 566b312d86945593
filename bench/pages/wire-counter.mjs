// A counting TCP proxy for the PostgreSQL wire protocol (BENCH_PROFILE=1): forwards every byte unchanged
// and reads the message framing on both sides to count, between `reset()` and `snapshot()`:
// statements (simple `Q` and extended-protocol `E`xecute), their texts, transactions (statements that
// begin with BEGIN) and round trips — from a client `Sync`/`Q` to the server's `ReadyForQuery` — with
// the time a connection had at least one round trip outstanding (summed over connections), and per
// statement text the time of its round trips.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Splits a byte stream into messages: `startup` ones (length first) until `typed()` says otherwise. */
function framer(onMessage, { startup }) {
	let buffer = Buffer.alloc(0);
	let inStartup = startup;
	let singleBytes = 0;
	return {
		expectSingleByte() {
			singleBytes += 1;
		},
		push(chunk) {
			buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
			for (;;) {
				if (singleBytes > 0) {
					if (buffer.length < 1) return;
					singleBytes -= 1;
					buffer = buffer.subarray(1);
					continue;
				}
				if (inStartup) {
					if (buffer.length < 8) return;
					const length = buffer.readInt32BE(0);
					if (buffer.length < length) return;
					const code = buffer.readInt32BE(4);
					buffer = buffer.subarray(length);
					onMessage({ startupCode: code });
					if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) inStartup = false;
					continue;
				}
				if (buffer.length < 5) return;
				const length = buffer.readInt32BE(1);
				if (buffer.length < length + 1) return;
				onMessage({ type: String.fromCharCode(buffer[0]), body: buffer.subarray(5, length + 1) });
				buffer = buffer.subarray(length + 1);
			}
		}
	};
}

const cString = (body, from = 0) => body.subarray(from, body.indexOf(0, from)).toString('utf8');

export async function startWireCounter({ listenPort, host, port }) {
	let counts;
	const reset = () => (counts = { statements: 0, begins: 0, roundTrips: 0, waitMs: 0, texts: new Map() });
	reset();
	const sockets = new Set();
	const server = net.createServer((client) => {
		const upstream = net.connect(port, host);
		sockets.add(client).add(upstream);
		const pending = [];
		let busySince = 0;
		let lastText = '';
		// This connection's parsed statements by name ('' the unnamed one) and the one bound last.
		const statements = new Map();
		let bound = '';
		const countText = (text) => {
			lastText = text.replace(/\s+/g, ' ').trim().slice(0, 160);
			const entry = counts.texts.get(lastText) ?? { n: 0, ms: 0 };
			entry.n += 1;
			counts.texts.set(lastText, entry);
			if (/^begin\b/i.test(lastText)) counts.begins += 1;
		};
		const send = () => {
			const now = performance.now();
			if (pending.length === 0) busySince = now;
			pending.push({ text: lastText, at: now });
		};
		const fromServer = framer(
			(message) => {
				if (message.type !== 'Z' || pending.length === 0) return;
				const now = performance.now();
				const trip = pending.shift();
				counts.roundTrips += 1;
				// Time of the round trip, from its Sync/Q to ReadyForQuery, kept with the statement's text.
				const entry = counts.texts.get(trip.text);
				if (entry) entry.ms += now - trip.at;
				if (pending.length === 0) counts.waitMs += now - busySince;
			},
			{ startup: false }
		);
		const fromClient = framer(
			(message) => {
				if (message.startupCode === SSL_REQUEST || message.startupCode === GSSENC_REQUEST)
					fromServer.expectSingleByte();
				if (!message.type) return;
				if (message.type === 'Q') {
					counts.statements += 1;
					countText(cString(message.body));
					send();
				} else if (message.type === 'P') {
					// Parse: statement name, then the text. A named statement is parsed once per connection and then
					// only bound by its name, so the text is remembered and counted at each Execute.
					const name = cString(message.body);
					statements.set(name, cString(message.body, message.body.indexOf(0) + 1));
				} else if (message.type === 'B') {
					// Bind: portal name, then the statement's name.
					bound = statements.get(cString(message.body, message.body.indexOf(0) + 1)) ?? '';
				} else if (message.type === 'E') {
					counts.statements += 1;
					countText(bound);
				} else if (message.type === 'S') send();
			},
			{ startup: true }
		);
		client.on('data', (chunk) => {
			fromClient.push(chunk);
			upstream.write(chunk);
		});
		upstream.on('data', (chunk) => {
			fromServer.push(chunk);
			client.write(chunk);
		});
		const close = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
	});
	await new Promise((resolve, reject) => server.once('error', reject).listen(listenPort, '127.0.0.1', resolve));
	return {
		reset,
		snapshot() {
			const texts = [...counts.texts]
				.sort((a, b) => b[1].ms - a[1].ms)
				.map(([text, { n, ms }]) => ({ n, ms: Math.round(ms * 100) / 100, text }));
			return { ...counts, texts };
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}
