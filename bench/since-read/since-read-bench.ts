// bench/since-read: "changed since you last read" on a 200,000-character paper. Ours: the paper's Yjs state
// decoded, its blocks read with their authors, a block diff and a word diff only inside changed blocks
// (src/lib/server/since-read/since-read-diff.ts), then the highlighted blocks rendered in Chromium. Peers in
// the same run: a plain word diff of the whole text (jsdiff's diffWordsWithSpace, what the version compare
// does: src/lib/server/versions/version-diff.ts, including its conversion of both states to ProseMirror JSON),
// and its result rendered the same way. Figures only; no timing asserts.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import * as Y from 'yjs';
import { docFromState, jsonToState, stateToJSON } from '$lib/server/documents/paper-document';
import { diffDocuments, type DiffSegment } from '$lib/server/versions/version-diff';
import {
	deletersFrom,
	diffSinceRead,
	documentBlocks,
	storedBlocks,
	type DeletionRow
} from '$lib/server/since-read/since-read-diff';
import { deletionsOf } from '$lib/server/since-read/edit-authors';

const env = process.env;
const config = {
	chars: Number(env.BENCH_CHARS ?? 200_000),
	/** Word edits (insertions and deletions) spread over the paper; plus a few whole paragraphs in and out. */
	edits: Number(env.BENCH_EDITS ?? 60),
	repeats: Math.max(1, Number(env.BENCH_REPEATS ?? 7)),
	chromium: env.CHROMIUM_PATH ?? '/usr/bin/chromium'
};

const WORDS = (
	'Die Stadt Hamm stärkt Gründungen in der Innenstadt mit Flächen für Werkstätten Logistik am Kanal ' +
	'Fachkräfte aus der Region Hochschule Jobcenter Kammern Mittelstand Digitalisierung Förderprogramm Quartier'
).split(' ');

/** A deterministic paper of about `chars` characters: headings, paragraphs and lists. */
function paper(chars: number) {
	let seed = 7;
	const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length]!;
	const sentence = (n: number) => Array.from({ length: n }, word).join(' ') + '.';
	const content: object[] = [];
	let size = 0;
	for (let i = 0; size < chars; i += 1) {
		const text = i % 12 === 0 ? `${i / 12 + 1}. ${sentence(4)}` : `${sentence(14)} ${sentence(12)}`;
		size += text.length;
		if (i % 12 === 0) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });
		else if (i % 9 === 0)
			content.push({
				type: 'bulletList',
				content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }]
			});
		else content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
	}
	return { type: 'doc', content };
}

/**
 * Edits by three people's clients: words inserted and deleted across the paper, paragraphs added and removed;
 * with the deletions recorded per person as the collaboration server's commit records them.
 */
function edit(state: Uint8Array, edits: number): { state: Uint8Array; deletions: DeletionRow[] } {
	const doc = docFromState(state);
	const deletions: DeletionRow[] = [];
	doc.on('update', (update: Uint8Array) => {
		for (const [client, clock, len] of deletionsOf(update))
			deletions.push([client, clock, len, `user-${doc.clientID}`]);
	});
	const fragment = doc.getXmlFragment('default');
	const texts: Y.XmlText[] = [];
	const collect = (el: Y.XmlElement | Y.XmlFragment) =>
		el.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : c instanceof Y.XmlElement && collect(c)));
	collect(fragment);
	const step = Math.floor(texts.length / (edits + 1));
	for (let i = 0; i < edits; i += 1) {
		doc.clientID = 1000 + (i % 3);
		const text = texts[(i + 1) * step]!;
		if (i % 2 === 0) text.insert(Math.floor(text.length / 2), 'neu eingefügte Wörter ');
		else text.delete(10, Math.min(15, text.length - 10));
	}
	doc.clientID = 1003;
	for (let i = 0; i < 5; i += 1) {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('Ein ganz neuer Absatz mit einer Begründung für die Maßnahme.')]);
		fragment.insert(50 + i * 150, [p]);
	}
	fragment.delete(400, 1);
	fragment.delete(700, 1);
	const out = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return { state: out, deletions };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function time<T>(fn: () => T): { result: T; times: number[] } {
	let result = fn(); // warm-up
	const times: number[] = [];
	for (let i = 0; i < config.repeats; i += 1) {
		const start = performance.now();
		result = fn();
		times.push(performance.now() - start);
	}
	return { result, times };
}

/** Renders in Chromium, as the page's component does: a list of blocks with <ins>/<del>; then forces layout. */
async function renderTimes(html: string[]): Promise<number[]> {
	const browser = await chromium.launch({
		executablePath: config.chromium,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
	});
	try {
		const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
		await page.setContent('<!doctype html><meta charset="utf-8"><main id="m"></main>');
		const times: number[] = [];
		for (let i = 0; i <= config.repeats; i += 1) {
			// A string, not a function: Vite's module runner would rewrite the names a function's body uses.
			const t = (await page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify(html)})`)) as number;
			if (i > 0) times.push(t);
		}
		return times;
	} finally {
		await browser.close();
	}
}

const RENDER_IN_PAGE = `(parts) => {
	const main = document.getElementById('m');
	main.textContent = '';
	const start = performance.now();
	const list = document.createElement('ol');
	list.innerHTML = parts.join('');
	main.append(list);
	void main.offsetHeight;
	return performance.now() - start;
}`;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function main() {
	const before = jsonToState(paper(config.chars));
	const beforeBlocks = storedBlocks(documentBlocks(docFromState(before)));
	const chars = beforeBlocks.reduce((n, [, text]) => n + text.length, 0);
	const { state: after, deletions } = edit(before, config.edits);
	const clientUser = new Map([1000, 1001, 1002, 1003].map((c) => [c, `user-${c}`]));
	const load = os
		.loadavg()
		.map((x) => x.toFixed(1))
		.join(' ');
	console.log(
		`since-read bench — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${load}, node ${process.version}`
	);
	console.log(
		`paper: ${chars} characters in ${beforeBlocks.length} blocks; ${config.edits} word edits, 5 paragraphs added, 2 removed; median of ${config.repeats}`
	);

	const ours = time(() => {
		const doc = docFromState(after);
		const blocks = documentBlocks(doc);
		doc.destroy();
		return diffSinceRead({
			before: beforeBlocks,
			after: blocks,
			clientUser,
			deletersOf: deletersFrom(deletions),
			editorsSince: ['user-1001']
		});
	});
	const beforeJson = stateToJSON(before);
	const plain = time(() => diffDocuments(beforeJson, stateToJSON(after)));
	const plainText = time(() => {
		const oldText = beforeBlocks.map(([, t]) => t).join('\n');
		const doc = docFromState(after);
		const newText = documentBlocks(doc)
			.map((b) => b.text)
			.join('\n');
		doc.destroy();
		return diffDocuments(
			{ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: oldText }] }] },
			{ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: newText }] }] }
		);
	});

	const oursHtml = ours.result.blocks.map(
		(b) =>
			`<li>${b.segments
				.map((s) =>
					s.kind === 'same'
						? esc(s.text)
						: `<${s.kind === 'added' ? 'ins' : 'del'} title="${esc(s.authors.join(', '))}">${esc(s.text)}</${s.kind === 'added' ? 'ins' : 'del'}>`
				)
				.join('')}</li>`
	);
	const segHtml = (segments: DiffSegment[]) => [
		`<li style="white-space:pre-wrap">${segments
			.map((s) =>
				s.kind === 'same'
					? esc(s.text)
					: `<${s.kind === 'added' ? 'ins' : 'del'}>${esc(s.text)}</${s.kind === 'added' ? 'ins' : 'del'}>`
			)
			.join('')}</li>`
	];
	const oursRender = await renderTimes(oursHtml);
	const plainRender = await renderTimes(segHtml(plain.result));

	const rows = [
		[
			'ours: block diff, word diff in changed blocks',
			median(ours.times),
			median(oursRender),
			`${ours.result.count} changes in ${ours.result.blocks.length} blocks`
		],
		[
			'peer: word diff of the whole text (version compare)',
			median(plain.times),
			median(plainRender),
			`${plain.result.filter((s) => s.kind !== 'same').length} changed segments, whole text rendered`
		],
		[
			'peer: word diff of the whole text, no JSON conversion',
			median(plainText.times),
			NaN,
			`${plainText.result.filter((s) => s.kind !== 'same').length} changed segments`
		]
	] as const;
	console.log('\n| approach | compute | render (Chromium) | compute + render | output |\n|---|---|---|---|---|');
	for (const [name, c, r, out] of rows)
		console.log(
			`| ${name} | ${ms(c)} | ${Number.isNaN(r) ? '—' : ms(r)} | ${Number.isNaN(r) ? '—' : ms(c + r)} | ${out} |`
		);
	const total = median(ours.times) + median(oursRender);
	console.log(`\ntarget ≤ 200 ms for ours (compute + render): ${ms(total)} — ${total <= 200 ? 'met' : 'missed'}`);
}
