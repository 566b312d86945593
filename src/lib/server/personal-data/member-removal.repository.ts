import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';

// Removal of a member, read and run under the platform admin's RLS (admins see every profile and
// membership); the removal itself is one call to public.remove_member (security definer, it checks
// the admin right, self-removal and the last office member again inside its transaction).

export interface PersonSummary {
	userId: string;
	displayName: string;
	email: string;
	boards: { name: string; slug: string; role: BoardRole }[];
}

const PERSON = `select p.user_id as "userId", p.display_name as "displayName", p.email,
	coalesce((select json_agg(json_build_object('name', b.name, 'slug', b.slug, 'role', m.role) order by b.name)
		from public.memberships m join public.boards b on b.id = m.board_id
		where m.user_id = p.user_id and m.active), '[]'::json) as boards
	from public.profiles p`;

export const listPeople = (tx: Tx) =>
	tx.query<PersonSummary>(`${PERSON} where p.removed_at is null order by lower(p.display_name), p.email`);

export async function findPerson(tx: Tx, userId: string): Promise<PersonSummary | null> {
	const [row] = await tx.query<PersonSummary>(`${PERSON} where p.user_id = $1 and p.removed_at is null`, [userId]);
	return row ?? null;
}

export type RemovalRefusal = 'forbidden' | 'self' | 'last-office' | 'not-found';

export async function removeMember(tx: Tx, userId: string): Promise<void> {
	await tx.query(`select public.remove_member($1)`, [userId]);
}

/** The refusal raised by public.remove_member, read from the error once its transaction rolled back. */
export function refusalOf(error: unknown): RemovalRefusal | null {
	const message = String((error as { message?: string } | null)?.message ?? '');
	if (message.includes('remove_member: forbidden')) return 'forbidden';
	if (message.includes('remove_member: self')) return 'self';
	if (message.includes('remove_member: last office')) return 'last-office';
	if (message.includes('remove_member: not found')) return 'not-found';
	return null;
}
