// bench/search: ranked German full-text search (our stored tsvector + GIN, the app's real query under
// RLS) against the naive peer (ILIKE '%word%' scan under the same RLS), on PGlite and on Postgres.
// Loaded through Vite's module runner by run.mjs (the migrations use import.meta.glob).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { openPglite } from '$lib/server/db/pglite';
import { openPostgres } from '$lib/server/db/postgres';
import { migrate } from '$lib/server/db/migrate';
import { withUser, type Claims } from '$lib/server/db/scoped';
import type { Database, Tx } from '$lib/server/db/types';
import { search } from '$lib/server/search/search.repository';
import { createCorpus, RARE_WORDS } from './corpus';

const env = process.env;
const config = {
	papers: Number(env.BENCH_PAPERS ?? 5_000),
	items: Number(env.BENCH_ITEMS ?? 5_000),
	/** Timed runs per query and engine (after one warm-up). */
	repeats: Math.max(1, Number(env.BENCH_REPEATS ?? 5)),
	/** Which engines to time: ours, plain, ilike (comma-separated; default all). The peers take minutes. */
	engines: (env.BENCH_ENGINES ?? 'ours,plain,ilike').split(',').map((e) => e.trim()),
	postgresUrl: env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
};

/** Query mix: common words, inflected forms (not literally in most texts), rare words, two-word queries. */
const QUERIES: { kind: string; q: string }[] = [
	{ kind: 'common', q: 'Innenstadt' },
	{ kind: 'common', q: 'Logistik' },
	{ kind: 'common', q: 'Wirtschaftsförderung' },
	{ kind: 'inflected', q: 'Gründungen' },
	{ kind: 'inflected', q: 'Fachkräften' },
	{ kind: 'inflected', q: 'Betrieb' },
	...RARE_WORDS.map((q) => ({ kind: 'rare', q })),
	{ kind: 'two words', q: 'Logistik Kanal' },
	{ kind: 'two words', q: 'Innenstadt Leerstände' }
];

interface World {
	boardId: string;
	claims: Claims;
}

export async function fill(db: Database): Promise<World> {
	const corpus = createCorpus();
	const userId = randomUUID();
	const boardId = randomUUID();
	await db.ownerTransaction(async (tx) => {
		await tx.query(
			`insert into auth.users (id, aud, role, email, encrypted_password) values ($1, 'authenticated', 'authenticated', 'bench@test.example', '')`,
			[userId]
		);
		await tx.query(
			`insert into public.profiles (user_id, email, display_name) values ($1, 'bench@test.example', 'Bench')`,
			[userId]
		);
		await tx.query(`insert into public.boards (id, slug, name) values ($1, 'bench-search', 'Bench')`, [boardId]);
		await tx.query(
			`insert into public.memberships (board_id, user_id, role, active, joined_at) values ($1, $2, 'member', true, now())`,
			[boardId, userId]
		);
	});
	for (let done = 0; done < config.papers; done += 500) {
		const n = Math.min(500, config.papers - done);
		const titles = Array.from({ length: n }, corpus.title);
		const texts = Array.from({ length: n }, () => corpus.text(8, 30));
		await db.ownerTransaction((tx) =>
			tx.query(
				`insert into public.papers (board_id, title, search_text, search_text_at, created_by, updated_at)
				 select $1, t.title, t.body, now(), $4, now() - (random() * interval '700 days') from unnest($2::text[], $3::text[]) as t(title, body)`,
				[boardId, titles, texts, userId]
			)
		);
	}
	const perMeeting = 50;
	for (let m = 0; m * perMeeting < config.items; m++) {
		const n = Math.min(perMeeting, config.items - m * perMeeting);
		await db.ownerTransaction(async (tx) => {
			const [meeting] = await tx.query<{ id: string }>(
				`insert into public.meetings (board_id, title, starts_at, ends_at) values ($1, $2, now() - make_interval(days => $3), now() - make_interval(days => $3) + interval '3 hours') returning id`,
				[boardId, `Sitzung ${m + 1}`, m * 14]
			);
			await tx.query(
				`insert into public.agenda_items (meeting_id, position, title, description, is_public)
				 select $1, t.pos - 1, t.title, t.body, t.pos % 5 <> 0 from unnest($2::text[], $3::text[]) with ordinality as t(title, body, pos)`,
				[meeting!.id, Array.from({ length: n }, corpus.title), Array.from({ length: n }, () => corpus.text(2, 6))]
			);
		});
	}
	await db.ownerTransaction((tx) =>
		tx.exec('analyze public.papers; analyze public.agenda_items; analyze public.meetings;')
	);
	const now = Math.floor(Date.now() / 1000);
	return {
		boardId,
		claims: {
			sub: userId,
			email: 'bench@test.example',
			role: 'authenticated',
			aud: 'authenticated',
			session_id: randomUUID(),
			iat: now,
			exp: now + 3600
		}
	};
}

/** The naive peer: every word as ILIKE '%word%' over titles and texts, newest first. */
function ilikeSearch(tx: Tx, boardId: string, q: string) {
	const words = q
		.split(/\s+/)
		.filter(Boolean)
		.map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
	const paperCond = words.map((_, i) => `(p.title ilike $${i + 2} or p.search_text ilike $${i + 2})`).join(' and ');
	const itemCond = words.map((_, i) => `(i.title ilike $${i + 2} or i.description ilike $${i + 2})`).join(' and ');
	return tx.query(
		`select * from (
			select 'paper' as kind, p.id, p.title, p.updated_at as at from public.papers p where p.board_id = $1 and ${paperCond}
			union all
			select 'agenda_item', i.id, i.title, m.starts_at from public.agenda_items i join public.meetings m on m.id = i.meeting_id
			where m.board_id = $1 and ${itemCond}
		) x order by at desc limit 50`,
		[boardId, ...words]
	);
}

/** Ours without public.search_hits: the same index, but a plain query under RLS (see the search migration). */
function plainRlsSearch(tx: Tx, boardId: string, q: string) {
	return tx.query(
		`with q as (select public.search_tsquery($2) as query)
		select * from (
			select 'paper' as kind, p.id, ts_rank(p.search_vector, q.query) as rank from public.papers p, q where p.board_id = $1 and p.search_vector @@ q.query
			union all
			select 'agenda_item', i.id, ts_rank(i.search_vector, q.query) from public.agenda_items i join public.meetings m on m.id = i.meeting_id, q
			where m.board_id = $1 and i.search_vector @@ q.query
		) x order by rank desc limit 50`,
		[boardId, q]
	);
}

const ENGINES: Record<string, { key: string; run: (tx: Tx, w: World, q: string) => Promise<unknown> }> = {
	'tsvector + GIN (ours)': {
		key: 'ours',
		run: (tx, w, q) =>
			search(tx, { q, boardId: w.boardId, kinds: [], from: null, to: null, limit: 50, withFiles: false })
	},
	'tsvector, plain RLS query': { key: 'plain', run: (tx, w, q) => plainRlsSearch(tx, w.boardId, q) },
	"ILIKE '%word%' (peer)": { key: 'ilike', run: (tx, w, q) => ilikeSearch(tx, w.boardId, q) }
};

/** The machine's load while timing: other jobs on a shared machine slow every figure down. */
const load = () =>
	`load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')} on ${os.cpus().length} cores`;

/** How many rows each engine matches at all (no limit): the peer misses inflected forms. */
async function matchCounts(db: Database, q: string): Promise<{ ours: number; peer: number }> {
	return db.ownerTransaction(async (tx) => {
		const [ours] = await tx.query<{ n: number }>(
			`select ((select count(*) from public.papers where search_vector @@ public.search_tsquery($1))
			 + (select count(*) from public.agenda_items where search_vector @@ public.search_tsquery($1)))::int as n`,
			[q]
		);
		const words = q.split(/\s+/).map((w) => `%${w}%`);
		const cond = (a: string, b: string) =>
			words.map((_, i) => `(${a} ilike $${i + 1} or ${b} ilike $${i + 1})`).join(' and ');
		const [peer] = await tx.query<{ n: number }>(
			`select ((select count(*) from public.papers where ${cond('title', 'search_text')})
			 + (select count(*) from public.agenda_items where ${cond('title', 'description')}))::int as n`,
			words
		);
		return { ours: ours!.n, peer: peer!.n };
	});
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(name: string, db: Database): Promise<void> {
	const started = performance.now();
	const world = await fill(db);
	const [size] = await db.ownerTransaction((tx) =>
		tx.query<{ papers: number; items: number; bytes: number }>(
			`select (select count(*) from public.papers)::int as papers, (select count(*) from public.agenda_items)::int as items,
			 ((select coalesce(sum(octet_length(title) + octet_length(search_text)), 0) from public.papers)
			 + (select coalesce(sum(octet_length(title) + octet_length(description)), 0) from public.agenda_items))::float8 as bytes`
		)
	);
	console.log(
		`\n## ${name}: ${size!.papers + size!.items} rows (${size!.papers} papers, ${size!.items} agenda items), ${(size!.bytes / 1_048_576).toFixed(1)} MB of text, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
	console.log(
		`${'engine'.padEnd(28)}${'query class'.padEnd(12)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'runs'.padStart(6)}`
	);
	const counts = new Map<string, { ours: number; peer: number }>();
	for (const { q } of QUERIES) counts.set(q, await matchCounts(db, q));
	for (const [engine, { key, run }] of Object.entries(ENGINES)) {
		if (!config.engines.includes(key)) continue;
		const byClass = new Map<string, number[]>();
		for (const { kind, q } of QUERIES) {
			await withUser(db, world.claims, (tx) => run(tx, world, q)); // warm-up
			for (let i = 0; i < config.repeats; i++) {
				const t0 = performance.now();
				await withUser(db, world.claims, (tx) => run(tx, world, q));
				const times = byClass.get(kind) ?? byClass.set(kind, []).get(kind)!;
				times.push(performance.now() - t0);
			}
		}
		const all: number[] = [];
		for (const [kind, times] of byClass) {
			all.push(...times);
			report(engine, kind, times);
		}
		report(engine, 'all', all);
	}
	console.log(`(${load()})`);
	console.log(`\nrows matched (all, no limit): query -> ours / peer`);
	for (const { kind, q } of QUERIES)
		console.log(`  ${`${q} (${kind})`.padEnd(36)} ${String(counts.get(q)!.ours).padStart(6)} / ${counts.get(q)!.peer}`);
}

function report(engine: string, kind: string, times: number[]) {
	const sorted = [...times].sort((a, b) => a - b);
	console.log(
		`${engine.padEnd(28)}${kind.padEnd(12)}${percentile(sorted, 50).toFixed(1).padStart(9)}${percentile(sorted, 95).toFixed(1).padStart(9)}${String(times.length).padStart(6)}`
	);
}

async function onPostgres(): Promise<void> {
	const name = `beirat_bench_search_${process.pid}`;
	const admin = postgres(config.postgresUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} catch (error) {
		console.log(`\n## Postgres: skipped (${String(error)})`);
		await admin.end();
		return;
	}
	const url = new URL(config.postgresUrl);
	url.pathname = `/${name}`;
	const db = openPostgres(url.toString(), { max: 2 });
	try {
		await migrate(db);
		const [version] = await db.ownerTransaction((tx) =>
			tx.query<{ v: string }>(`select current_setting('server_version') as v`)
		);
		await measure(`Postgres ${version!.v}`, db);
	} finally {
		await db.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

export async function main(): Promise<void> {
	console.log(
		`bench/search: ${config.papers} papers + ${config.items} agenda items of generated German text; ${QUERIES.length} queries x ${config.repeats} runs per engine, each as a board member under RLS (limit 50); ${new Date().toISOString()}, ${load()}.`
	);
	const pglite = await openPglite('memory://');
	try {
		await migrate(pglite);
		await measure('PGlite (PostgreSQL 18, in process)', pglite);
	} finally {
		await pglite.close();
	}
	await onPostgres();
}
