// npm run bench:live — meeting mode's live channel (#19) beside the plain collaboration socket, same app,
// same run: 50 participants; p95 time from the chair's action (a form post) to every screen having the
// new picture, and from one editor's change to 50 open editors having it. Prints figures, asserts nothing.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { cookieHeader, fetchWithTimeout, runBench, signIn, startApp, table } from '../pages/app.mjs';

const PORT = Number(process.env.BENCH_LIVE_PORT || 4635);
const PARTICIPANTS = Number(process.env.BENCH_LIVE_PARTICIPANTS || 50);
const ROUNDS = Number(process.env.BENCH_LIVE_ROUNDS || 20);
const BOARD = 'wirtschaft-hamm-2030';
const MEETING = '00000000-0000-4000-8000-0000000000c2';
const ITEMS = ['00000000-0000-4000-8000-0000000a0201', '00000000-0000-4000-8000-0000000a0202'];
const PAPER = '00000000-0000-4000-8000-000000000a01';
const PASSWORD = 'beirat-demo';
// The collaboration server caps sockets per person and paper (10): five accounts carry the 50 editors.
const EDITORS = ['member', 'member2', 'advisor', 'chair', 'office'].map((n) => `${n}@beirat.example`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};
const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');

async function post(origin, url, jar, fields) {
	const response = await fetchWithTimeout(url, {
		method: 'POST',
		headers: {
			origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded',
			cookie: cookieHeader(jar)
		},
		body: new URLSearchParams(fields).toString()
	});
	const body = await response.text();
	if (!response.ok || body.includes('"type":"failure"') || body.includes('"type":"error"'))
		throw new Error(`POST ${url}: ${response.status} ${body.slice(0, 200)}`);
}

async function ticket(origin, jar, url, body) {
	const response = await fetchWithTimeout(`${origin}${url}`, {
		method: 'POST',
		headers: { origin, 'content-type': 'application/json', cookie: cookieHeader(jar) },
		body: body ? JSON.stringify(body) : undefined
	});
	if (!response.ok) throw new Error(`ticket ${url}: ${response.status} ${await response.text()}`);
	return response.json();
}

function openSocket(url, onMessage) {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.on('message', onMessage);
		ws.on('open', () => resolve(ws));
		ws.on('error', reject);
	});
}

async function liveRounds(origin) {
	const chair = await signIn(origin, 'chair@beirat.example', PASSWORD);
	const member = await signIn(origin, 'member@beirat.example', PASSWORD);
	const live = `${origin}/b/${BOARD}/meetings/${MEETING}/live`;
	await post(origin, `${live}?/start`, chair, {});
	const arrivals = Array.from({ length: PARTICIPANTS }, () => new Map());
	const sockets = [];
	for (let i = 0; i < PARTICIPANTS; i += 1) {
		const { url } = await ticket(origin, member, `/api/b/${BOARD}/meetings/${MEETING}/live`);
		sockets.push(
			await openSocket(url, (raw) => {
				const message = JSON.parse(String(raw));
				if (message.kind === 'state' && message.data.currentItemId)
					arrivals[i].set(message.data.currentItemId + ':' + message.data.readAt, performance.now());
			})
		);
	}
	const perScreen = [];
	const lastScreen = [];
	for (let round = 0; round < ROUNDS; round += 1) {
		const item = ITEMS[round % 2];
		for (const a of arrivals) a.clear();
		const started = performance.now();
		await post(origin, `${live}?/item`, chair, { itemId: item });
		const deadline = performance.now() + 10_000;
		while (arrivals.some((a) => ![...a.keys()].some((k) => k.startsWith(item))) && performance.now() < deadline)
			await sleep(2);
		const times = arrivals.map((a) => {
			const hit = [...a.entries()].find(([k]) => k.startsWith(item));
			return hit ? hit[1] - started : NaN;
		});
		perScreen.push(...times);
		lastScreen.push(Math.max(...times));
		await sleep(100);
	}
	for (const ws of sockets) ws.close();
	return { perScreen, lastScreen };
}

async function collabRounds(origin) {
	const jars = [];
	for (const email of EDITORS) jars.push(await signIn(origin, email, PASSWORD));
	const receivers = [];
	for (let i = 0; i < PARTICIPANTS; i += 1) {
		const jar = jars[i % jars.length];
		const { ticket: t } = await ticket(origin, jar, '/api/collab/ticket', { paperId: PAPER });
		const doc = new Y.Doc();
		const seen = new Map();
		const provider = new WebsocketProvider(`${origin.replace('http', 'ws')}/collab`, PAPER, doc, {
			params: { ticket: t },
			WebSocketPolyfill: WebSocket,
			disableBc: true,
			connect: true
		});
		doc.on('update', () => {
			const text = doc.getXmlFragment('default').toString();
			for (const match of text.matchAll(/\[bench-(\d+)\]/g))
				if (!seen.has(match[1])) seen.set(match[1], performance.now());
		});
		receivers.push({ doc, provider, seen });
	}
	const deadline = performance.now() + 60_000;
	while (receivers.some((r) => !r.provider.synced) && performance.now() < deadline) await sleep(20);
	const sender = receivers[EDITORS.indexOf('office@beirat.example')];
	const perScreen = [];
	const lastScreen = [];
	for (let round = 0; round < ROUNDS; round += 1) {
		const token = String(round);
		const started = performance.now();
		sender.doc.transact(() => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(`[bench-${token}]`)]);
			sender.doc.getXmlFragment('default').push([paragraph]);
		});
		const until = performance.now() + 10_000;
		const others = receivers.filter((r) => r !== sender);
		while (others.some((r) => !r.seen.has(token)) && performance.now() < until) await sleep(2);
		const times = others.map((r) => (r.seen.has(token) ? r.seen.get(token) - started : NaN));
		perScreen.push(...times);
		lastScreen.push(Math.max(...times));
		await sleep(100);
	}
	for (const r of receivers) r.provider.destroy();
	return { perScreen, lastScreen };
}

runBench({
	label: 'bench/live',
	resultsDir: path.dirname(new URL(import.meta.url).pathname),
	prefix: 'live',
	hardLimitMs: 20 * 60_000,
	config: { participants: PARTICIPANTS, rounds: ROUNDS, port: PORT },
	async measure() {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-bench-live-'));
		const app = await startApp({ label: 'live', port: PORT, extraEnv: { DATA_DIR: dataDir, DEMO_DATA: '1' } });
		try {
			const live = await liveRounds(app.origin);
			console.log(`meeting mode: all screens p95 ${ms(pct(live.lastScreen, 95))} ms`);
			const collab = await collabRounds(app.origin);
			const row = (name, r) => [
				name,
				ms(pct(r.perScreen, 50)),
				ms(pct(r.perScreen, 95)),
				ms(pct(r.lastScreen, 50)),
				ms(pct(r.lastScreen, 95)),
				String(r.perScreen.filter((v) => !Number.isFinite(v)).length)
			];
			console.log(`\n${PARTICIPANTS} participants, ${ROUNDS} rounds, one app node (embedded PGlite)\n`);
			console.log(
				table(
					['channel', 'p50 ms', 'p95 ms', 'all screens p50', 'all screens p95', 'missed'],
					[
						row('meeting mode: chair moves to an item (form post → 50 screens)', live),
						row('collaboration socket: one edit → 50 editors', collab)
					]
				)
			);
			console.log('\ngoal: all screens p95 ≤ 200 ms for meeting mode');
			return { live, collab };
		} finally {
			await app.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}
});
