import type { Locale } from '$lib/i18n';
import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';

export interface Profile {
	userId: string;
	email: string;
	displayName: string;
	organisation: string | null;
	function: string | null;
	locale: Locale;
}

export interface CurrentUser extends Profile {
	isAdmin: boolean;
	boards: { id: string; slug: string; name: string; role: BoardRole }[];
}

/** Everything the app shell needs about the signed-in person, in one round trip (under their RLS). */
export async function loadCurrentUser(tx: Tx): Promise<CurrentUser | null> {
	const [row] = await tx.query<CurrentUser>(
		`select p.user_id as "userId", p.email, p.display_name as "displayName", p.organisation, p."function", p.locale,
			public.is_platform_admin() as "isAdmin",
			coalesce((select json_agg(json_build_object('id', b.id, 'slug', b.slug, 'name', b.name, 'role', m.role) order by b.name)
				from public.memberships m join public.boards b on b.id = m.board_id
				where m.user_id = p.user_id and m.active), '[]'::json) as boards
		 from public.profiles p where p.user_id = (select auth.uid())`
	);
	return row ?? null;
}

export async function updateProfile(
	tx: Tx,
	input: Pick<Profile, 'displayName' | 'organisation' | 'function' | 'locale'>
): Promise<void> {
	await tx.query(
		`update public.profiles set display_name = $1, organisation = $2, "function" = $3, locale = $4, updated_at = now()
		 where user_id = (select auth.uid())`,
		[input.displayName, input.organisation, input.function, input.locale]
	);
}

export async function updateLocale(tx: Tx, locale: Locale): Promise<void> {
	await tx.query(`update public.profiles set locale = $1, updated_at = now() where user_id = (select auth.uid())`, [
		locale
	]);
}
