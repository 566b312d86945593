import { describe, expect, it } from 'vitest';
import { signTicket, verifyTicket } from './ticket';
import { matchesScope, RevocationList } from './revocations';
import { authorizeUpgrade, paperIdFromPath } from './upgrade';
import { UsedTickets } from './ticket-ledger';

const secret = new Uint8Array(32).fill(1);
const paper = '6f1c1d4e-8a0b-4c43-9a43-0c5d1f1f7a01';
const claims = {
	sub: 'u1',
	doc: paper,
	board: 'b1',
	access: 'view' as const,
	name: 'Frau Muster',
	color: 'hsl(1 70% 40%)'
};

describe('collab tickets', () => {
	it('accepts a fresh ticket for its paper and keeps its claims', async () => {
		const check = await verifyTicket(secret, await signTicket(secret, claims), paper);
		expect(check).toMatchObject({ ok: true, claims: { sub: 'u1', access: 'view', board: 'b1', name: 'Frau Muster' } });
		if (!check.ok) return;
		expect(check.claims.jti).toMatch(/^[0-9a-f-]{36}$/);
		expect(check.claims.expiresAt).toBeGreaterThan(Date.now());
		const again = await verifyTicket(secret, await signTicket(secret, claims), paper);
		expect(again.ok && again.claims.jti).not.toBe(check.claims.jti);
	});

	it('refuses another paper with 403, and bad, foreign-key or expired tickets with 401', async () => {
		const ticket = await signTicket(secret, claims);
		expect(await verifyTicket(secret, ticket, '00000000-0000-4000-8000-000000000000')).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await verifyTicket(new Uint8Array(32).fill(2), ticket, paper)).toMatchObject({ ok: false, status: 401 });
		expect(await verifyTicket(secret, null, paper)).toMatchObject({ ok: false, status: 401 });
		expect(await verifyTicket(secret, `${ticket}x`, paper)).toMatchObject({ ok: false, status: 401 });
		const old = await signTicket(secret, claims, Date.now() - 61_000);
		expect(await verifyTicket(secret, old, paper)).toMatchObject({ ok: false, status: 401, reason: 'expired' });
	});

	it('refuses tickets issued before an access change in their scope', async () => {
		const list = new RevocationList();
		const issued = { ...claims, sid: 's1', ts: Date.now() - 1000, jti: 'j1', expiresAt: Date.now() + 60_000 };
		expect(list.refuses(issued)).toBe(false);
		list.add({ userId: 'u2' }, Date.now());
		expect(list.refuses(issued)).toBe(false);
		list.add({ userId: 'u1', boardId: 'b1' }, Date.now());
		expect(list.refuses(issued)).toBe(true);
		expect(list.refuses({ ...issued, ts: Date.now() + 10 })).toBe(false);
		expect(matchesScope({}, { paperId: paper, userId: 'u1', boardId: 'b1' })).toBe(false);
	});

	it("carries the sign-in session, so ending it refuses its tickets and no one else's", async () => {
		const check = await verifyTicket(secret, await signTicket(secret, { ...claims, sid: 's1' }), paper);
		expect(check).toMatchObject({ ok: true, claims: { sid: 's1' } });
		const old = await verifyTicket(secret, await signTicket(secret, claims), paper);
		expect(old).toMatchObject({ ok: true, claims: { sid: '' } });
		const target = { paperId: paper, userId: 'u1', boardId: 'b1', sessionId: 's1' };
		expect(matchesScope({ sessionId: 's1' }, target)).toBe(true);
		expect(matchesScope({ sessionId: 's2' }, target)).toBe(false);
		expect(matchesScope({ userId: 'u1', exceptSessionId: 's1' }, target)).toBe(false);
		expect(matchesScope({ userId: 'u1', exceptSessionId: 's2' }, target)).toBe(true);
		expect(matchesScope({ userId: 'u2', exceptSessionId: 's2' }, target)).toBe(false);
		const list = new RevocationList();
		list.add({ sessionId: 's1' }, Date.now());
		if (!check.ok || !old.ok) throw new Error('tickets verify');
		expect(list.refuses(check.claims)).toBe(true);
		expect(list.refuses(old.claims)).toBe(false);
	});
});

describe('upgrade authorisation', () => {
	it('remembers a used ticket id until the ticket expires', () => {
		const used = new UsedTickets();
		const now = Date.now();
		expect(used.claim('t1', now + 60_000, now)).toBe(true);
		expect(used.claim('t1', now + 60_000, now + 1_000)).toBe(false);
		expect(used.claim('t2', now + 60_000, now + 1_000)).toBe(true);
		// Expired ids are forgotten (the ticket itself is refused as expired by then).
		expect(used.claim('t3', now + 5_000, now)).toBe(true);
		expect(used.claim('t4', now + 60_000, now + 30_000)).toBe(true);
		expect(used.size).toBe(3);
	});

	it('checks the path, then the ticket, then access changes, then single use', async () => {
		const revocations = new RevocationList();
		const ticket = await signTicket(secret, claims);
		const used = new UsedTickets();
		const decide = (url: string) =>
			authorizeUpgrade({
				url,
				secret: async () => secret,
				revocations,
				tickets: { claim: async (t) => used.claim(t.jti, t.expiresAt) }
			});
		expect(await decide(`/collab/${paper}?ticket=${ticket}`)).toMatchObject({
			ok: true,
			paperId: paper,
			claims: { sub: 'u1' }
		});
		expect(await decide(`/collab/${paper}?ticket=${ticket}`)).toEqual({ ok: false, status: 401 });
		expect(await decide(`/collab/${paper}?ticket=${await signTicket(secret, claims)}`)).toMatchObject({ ok: true });
		expect(await decide(`/collab/nope?ticket=${ticket}`)).toEqual({ ok: false, status: 404 });
		expect(await decide(`/collab/${paper}`)).toEqual({ ok: false, status: 401 });
		expect(await decide(`/collab/00000000-0000-4000-8000-000000000000?ticket=${ticket}`)).toEqual({
			ok: false,
			status: 403
		});
		const unused = await signTicket(secret, claims);
		revocations.add({ paperId: paper }, Date.now());
		expect(await decide(`/collab/${paper}?ticket=${unused}`)).toEqual({ ok: false, status: 401 });
		expect(paperIdFromPath(`/collab/${paper.toUpperCase()}`)).toBe(paper);
	});
});
