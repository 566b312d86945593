import { randomUUID } from 'node:crypto';
import { berlinDay as berlinDayOf } from '$lib/format';
import type { BoardRole } from '$lib/roles';
import type { BoardContext } from '../boards/policy';
import { scopedDb, type Claims, type ScopedDb } from '../db/scoped';
import type { Database } from '../db/types';

// The demo board and its fictional people (supabase/seed.sql), as the services meet them.

export const DEMO_BOARD = {
	id: '00000000-0000-4000-8000-0000000000b1',
	slug: 'wirtschaft-hamm-2030',
	name: 'Wirtschaft.Hamm.2030'
};
export const PAST_MEETING = '00000000-0000-4000-8000-0000000000c1';
export const NEXT_MEETING = '00000000-0000-4000-8000-0000000000c2';
export const INNOVATION_PAPER = '00000000-0000-4000-8000-000000000a01';
export const SKILLS_PAPER = '00000000-0000-4000-8000-000000000a03';

export interface DemoPerson {
	userId: string;
	email: string;
	displayName: string;
	role: BoardRole;
}

const person = (n: number, email: string, displayName: string, role: BoardRole): DemoPerson => ({
	userId: `00000000-0000-4000-8000-00000000000${n}`,
	email,
	displayName,
	role
});

export const DEMO_PEOPLE = {
	office: person(2, 'office@beirat.example', 'Sabine Wolter', 'office'),
	chair: person(3, 'chair@beirat.example', 'Dr. Helena Vossberg', 'chair'),
	member: person(4, 'member@beirat.example', 'Jonas Albers', 'member'),
	member2: person(5, 'member2@beirat.example', 'Dr. Aylin Demir', 'member'),
	advisor: person(6, 'advisor@beirat.example', 'Petra Schulte-Holtkamp', 'advisor')
};

/** What a service needs to act as one demo person: their board context, RLS-scoped database and identity. */
export function actingAs(
	db: Database,
	who: DemoPerson
): { board: BoardContext; db: ScopedDb; actor: { userId: string; displayName: string } } {
	const now = Math.floor(Date.now() / 1000);
	const claims: Claims = {
		sub: who.userId,
		email: who.email,
		role: 'authenticated',
		aud: 'authenticated',
		session_id: randomUUID(),
		iat: now,
		exp: now + 3600
	};
	return {
		board: { ...DEMO_BOARD, role: who.role },
		db: scopedDb(db, claims),
		actor: { userId: who.userId, displayName: who.displayName }
	};
}

/** A calendar day in Berlin, `days` from today (YYYY-MM-DD). */
export function berlinDay(days: number): string {
	return berlinDayOf(Date.now() + days * 86_400_000);
}
