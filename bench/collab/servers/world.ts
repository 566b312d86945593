// The bench's world: a board, N full members and one paper every member may edit, created as the owner (no
// accounts with passwords, no mail). Used by our server (ours-main.ts) and the commit-cost bench.
import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';

export interface BenchUser {
	id: string;
	email: string;
}

/**
 * Stands for the search text the app's indexer keeps for a paper that already has this many characters
 * (BENCH_SEARCH_CHARS, default 0: a new paper). Every commit updates the paper's row, so its size matters.
 */
function searchText(chars: number): string {
	const words = ['Wirtschaftsförderung', 'Fachkräfte', 'Innovationsquartier', 'Hamm', 'Logistik', 'Hochschule'];
	let text = '';
	for (let i = 0; text.length < chars; i++) text += `${words[i % words.length]} ${i} `;
	return text.slice(0, chars);
}

/** A board, N full members and one paper every member may edit ('board' visibility). */
export async function createWorld(db: Database, n: number): Promise<{ paperId: string; users: BenchUser[] }> {
	return db.ownerTransaction(async (tx) => {
		const boardId = randomUUID();
		const tag = Date.now().toString(36);
		await tx.query(`insert into public.boards (id, slug, name) values ($1, $2, $3)`, [
			boardId,
			`bench-${tag}`,
			`Bench ${tag}`
		]);
		const users: BenchUser[] = [];
		for (let i = 0; i < n; i++) {
			const user = { id: randomUUID(), email: `bench-${tag}-${i}@bench.example` };
			// No password: these accounts only ever get tickets minted here.
			await tx.query(
				`insert into auth.users (id, aud, role, email, email_confirmed_at) values ($1, 'authenticated', 'authenticated', $2, now())`,
				[user.id, user.email]
			);
			await tx.query(`insert into public.profiles (user_id, email, display_name, locale) values ($1, $2, $3, 'de')`, [
				user.id,
				user.email,
				`Bench ${i}`
			]);
			await tx.query(
				`insert into public.memberships (board_id, user_id, role, active, invited_at, joined_at) values ($1, $2, 'member', true, now(), now())`,
				[boardId, user.id]
			);
			users.push(user);
		}
		const [paper] = await tx.query<{ id: string }>(
			`insert into public.papers (board_id, title, visibility, board_access, created_by, search_text, search_text_at)
			 values ($1, 'Strategiepapier (Bench)', 'board', 'edit', $2, $3, now()) returning id`,
			[boardId, users[0]!.id, searchText(Number(process.env.BENCH_SEARCH_CHARS ?? 0))]
		);
		return { paperId: paper!.id, users };
	});
}
