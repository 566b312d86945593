// bench/pages/weight.mjs: the JavaScript a browser downloads on the first load of the main pages of the built app
// (`npm run build` first), signed in as the demo member, in German and in English. Prints a table and writes
// results/weight-<time>.json. Byte counts only: the machine's load does not change them. Asserts nothing;
// every wait is bounded. The build serves precompressed files (adapter-node's `precompress`): Chromium gets the
// .br one; the .gz one (what a client without brotli gets) is read from its Content-Length.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { cleanups, fetchWithTimeout, postForm, root, runBench, signIn, startApp, table } from './app.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;

const config = {
	account: env.BENCH_ACCOUNT ?? 'member@beirat.example',
	password: env.BENCH_PASSWORD ?? 'beirat-demo',
	port: Number(env.BENCH_PORT ?? 4370),
	chromium: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	locales: (env.BENCH_LOCALES ?? 'de,en').split(',').map((s) => s.trim())
};
const PAGE_TIMEOUT_MS = 60_000;
const HARD_LIMIT_MS = 10 * 60_000;

// The demo data's fixed ids (supabase/seed.sql): the main board, its upcoming meeting with the published agenda,
// and the paper "Handlungsfeld Innovation und Gründungen".
const BOARD = 'wirtschaft-hamm-2030';
const MEETING = '00000000-0000-4000-8000-0000000000c2';
const PAPER = '00000000-0000-4000-8000-000000000a01';
const PAGES = [
	{ name: 'dashboard', path: '/' },
	{ name: 'meetings', path: `/b/${BOARD}/meetings` },
	{ name: 'meeting+agenda', path: `/b/${BOARD}/meetings/${MEETING}` },
	{ name: 'paper', path: `/b/${BOARD}/papers/${PAPER}` },
	{ name: 'decisions', path: `/b/${BOARD}/decisions` },
	{ name: 'profile', path: '/profile' }
].filter((page) => !env.BENCH_PAGES || env.BENCH_PAGES.split(',').includes(page.name));
// One message only in German, one only in English (shell.skipToContent, on every page): which language a script
// carries.
const MARKERS = { de: 'Zum Inhalt springen', en: 'Skip to content' };
// The messages' chunks, in the form the build writes them: an object of messages, `"area.key":`. Per message file
// (src/lib/i18n/messages/<area>.de.json, the mail templates' aside) one of its keys marks the script(s) holding it;
// a key the code names as text (in src/lib/i18n/areas.ts) would also mark the code, so such keys are not picked.
const messagesDir = path.join(root, 'src/lib/i18n/messages');
const codeNamingKeys = ['src/lib/i18n/areas.ts']
	.map((file) => path.join(root, file))
	.filter((file) => fs.existsSync(file))
	.map((file) => fs.readFileSync(file, 'utf8'))
	.join('\n');
const AREA_MARKERS = fs
	.readdirSync(messagesDir)
	.map((file) => /^(\w+)\.de\.json$/.exec(file)?.[1])
	.filter((area) => area && !area.startsWith('mail'))
	.map((area) => {
		const keys = Object.keys(JSON.parse(fs.readFileSync(path.join(messagesDir, `${area}.de.json`), 'utf8')));
		return { area, marker: `"${keys.find((key) => !codeNamingKeys.includes(`'${key}'`)) ?? keys[0]}":` };
	});

const kB = (bytes) => (bytes / 1000).toFixed(1);

/** Switches the language the way the header's switch does (`POST /locale`): cookie and profile. */
async function switchLocale(origin, jar, locale) {
	await postForm(origin, `${origin}/locale`, jar, { locale, redirectTo: '/' });
}

/** Content-Length of `file` as served to a client that accepts gzip only (cached per file). */
const gzipSizes = new Map();
async function gzipSize(origin, file) {
	if (!gzipSizes.has(file)) {
		const response = await fetchWithTimeout(origin + file, { headers: { 'accept-encoding': 'gzip' } });
		await response.arrayBuffer();
		const encoding = response.headers.get('content-encoding');
		gzipSizes.set(file, encoding === 'gzip' ? Number(response.headers.get('content-length')) : null);
	}
	return gzipSizes.get(file);
}

/**
 * The first load of `url` in a fresh context (empty cache) until the network is idle: every script response
 * with its transferred body size (as received, compressed) and its decoded size.
 */
async function measurePage(browser, origin, jar, url) {
	const context = await browser.newContext({ baseURL: origin });
	await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: origin })));
	const page = await context.newPage();
	const pending = [];
	page.on('requestfinished', (request) => {
		pending.push(
			(async () => {
				const response = await request.response();
				if (!response) return null;
				const type = response.headers()['content-type'] ?? '';
				if (!type.includes('javascript')) return null;
				const [sizes, body] = await Promise.all([request.sizes(), response.body()]);
				const text = body.toString('utf8');
				const file = new URL(request.url()).pathname;
				return {
					file,
					encoding: response.headers()['content-encoding'] ?? 'identity',
					transferred: sizes.responseBodySize,
					gzip: (await gzipSize(origin, file)) ?? body.length,
					decoded: body.length,
					areas: AREA_MARKERS.filter(({ marker }) => text.includes(marker)).map(({ area }) => area),
					de: text.includes(MARKERS.de),
					en: text.includes(MARKERS.en)
				};
			})()
		);
	});
	try {
		const response = await page.goto(url, { waitUntil: 'networkidle', timeout: PAGE_TIMEOUT_MS });
		if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
		const lang = await page.evaluate(() => document.documentElement.lang);
		const scripts = (await Promise.all(pending)).filter(Boolean);
		const sum = (list, field) => list.reduce((total, script) => total + script[field], 0);
		const catalogs = scripts.filter((script) => script.areas.length > 0);
		return {
			lang,
			scripts: scripts.length,
			transferred: sum(scripts, 'transferred'),
			gzip: sum(scripts, 'gzip'),
			decoded: sum(scripts, 'decoded'),
			encodings: [...new Set(scripts.map((script) => script.encoding))],
			catalogTransferred: sum(catalogs, 'transferred'),
			catalogGzip: sum(catalogs, 'gzip'),
			catalogDecoded: sum(catalogs, 'decoded'),
			catalogFiles: catalogs.map((script) => script.file),
			areas: [...new Set(catalogs.flatMap((script) => script.areas))].sort(),
			carriesGerman: scripts.some((script) => script.de),
			carriesEnglish: scripts.some((script) => script.en),
			files: scripts
		};
	} finally {
		await context.close();
	}
}

runBench({
	label: 'bench/pages/weight',
	resultsDir: here,
	prefix: 'weight',
	hardLimitMs: HARD_LIMIT_MS,
	config,
	async measure() {
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'beirat-bench-weight-'));
		cleanups.add(async () => fs.rmSync(tmp, { recursive: true, force: true }));
		const rows = [];
		const app = await startApp({
			label: 'weight',
			port: config.port,
			extraEnv: { DATA_DIR: path.join(tmp, 'pglite'), DEMO_DATA: '1' }
		});
		const browser = await chromium.launch({ executablePath: config.chromium });
		cleanups.add(() => browser.close());
		try {
			const jar = await signIn(app.origin, config.account, config.password);
			for (const locale of config.locales) {
				await switchLocale(app.origin, jar, locale);
				for (const page of PAGES) {
					const result = await measurePage(browser, app.origin, jar, page.path);
					rows.push({ locale, page: page.name, path: page.path, ...result });
				}
			}
		} finally {
			await browser.close();
			await app.stop();
			fs.rmSync(tmp, { recursive: true, force: true });
		}
		console.log(
			`\nJavaScript on the first load (empty cache), signed in as ${config.account}; kB = 1000 bytes; ` +
				`received = response bodies as Chromium received them (${[...new Set(rows.flatMap((r) => r.encodings))].join(', ')}), ` +
				`gzip = the same files as served with gzip; msgs = the script(s) holding the messages`
		);
		console.log(
			table(
				[
					'locale',
					'page',
					'<html lang>',
					'scripts',
					'received kB',
					'gzip kB',
					'uncompressed kB',
					'msgs received kB',
					'msgs gzip kB',
					'msgs uncompr. kB',
					'German msgs',
					'English msgs',
					'msg chunks',
					'message areas'
				],
				rows.map((r) => [
					r.locale,
					r.page,
					r.lang,
					r.scripts,
					kB(r.transferred),
					kB(r.gzip),
					kB(r.decoded),
					kB(r.catalogTransferred),
					kB(r.catalogGzip),
					kB(r.catalogDecoded),
					r.carriesGerman ? 'yes' : 'no',
					r.carriesEnglish ? 'yes' : 'no',
					r.catalogFiles.length,
					r.areas.length === AREA_MARKERS.length ? `all ${r.areas.length}` : r.areas.join(' ')
				])
			)
		);
		const catalogFiles = [...new Set(rows.flatMap((r) => r.catalogFiles))];
		console.log(`\nscripts holding messages: ${catalogFiles.length}`);
		return { rows };
	}
});
