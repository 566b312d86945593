import { describe, expect, it } from 'vitest';
import { signTicket, verifyTicket } from './ticket';
import { matchesScope, RevocationList } from './revocations';
import { authorizeUpgrade, paperIdFromPath } from './upgrade';

const secret = new Uint8Array(32).fill(1);
const paper = '6f1c1d4e-8a0b-4c43-9a43-0c5d1f1f7a01';
const claims = { sub: 'u1', doc: paper, board: 'b1', access: 'view' as const, name: 'Frau Muster', color: 'hsl(1 70% 40%)' };

describe('collab tickets', () => {
	it('accepts a fresh ticket for its paper and keeps its claims', async () => {
		const check = await verifyTicket(secret, await signTicket(secret, claims), paper);
		expect(check).toMatchObject({ ok: true, claims: { sub: 'u1', access: 'view', board: 'b1', name: 'Frau Muster' } });
	});

	it('refuses another paper with 403, and bad, foreign-key or expired tickets with 401', async () => {
		const ticket = await signTicket(secret, claims);
		expect(await verifyTicket(secret, ticket, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, status: 403 });
		expect(await verifyTicket(new Uint8Array(32).fill(2), ticket, paper)).toMatchObject({ ok: false, status: 401 });
		expect(await verifyTicket(secret, null, paper)).toMatchObject({ ok: false, status: 401 });
		expect(await verifyTicket(secret, `${ticket}x`, paper)).toMatchObject({ ok: false, status: 401 });
		const old = await signTicket(secret, claims, Date.now() - 61_000);
		expect(await verifyTicket(secret, old, paper)).toMatchObject({ ok: false, status: 401, reason: 'expired' });
	});

	it('refuses tickets issued before an access change in their scope', async () => {
		const list = new RevocationList();
		const issued = { ...claims, ts: Date.now() - 1000 };
		expect(list.refuses(issued)).toBe(false);
		list.add({ userId: 'u2' }, Date.now());
		expect(list.refuses(issued)).toBe(false);
		list.add({ userId: 'u1', boardId: 'b1' }, Date.now());
		expect(list.refuses(issued)).toBe(true);
		expect(list.refuses({ ...issued, ts: Date.now() + 10 })).toBe(false);
		expect(matchesScope({}, { paperId: paper, userId: 'u1', boardId: 'b1' })).toBe(false);
	});
});

describe('upgrade authorisation', () => {
	it('checks the path, then the ticket, then access changes', async () => {
		const revocations = new RevocationList();
		const ticket = await signTicket(secret, claims);
		const decide = (url: string) => authorizeUpgrade({ url, secret: async () => secret, revocations });
		expect(await decide(`/collab/${paper}?ticket=${ticket}`)).toMatchObject({ ok: true, paperId: paper, claims: { sub: 'u1' } });
		expect(await decide(`/collab/nope?ticket=${ticket}`)).toEqual({ ok: false, status: 404 });
		expect(await decide(`/collab/${paper}`)).toEqual({ ok: false, status: 401 });
		expect(await decide(`/collab/00000000-0000-4000-8000-000000000000?ticket=${ticket}`)).toEqual({ ok: false, status: 403 });
		revocations.add({ paperId: paper }, Date.now());
		expect(await decide(`/collab/${paper}?ticket=${ticket}`)).toEqual({ ok: false, status: 401 });
		expect(paperIdFromPath(`/collab/${paper.toUpperCase()}`)).toBe(paper);
	});
});
