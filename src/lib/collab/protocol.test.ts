import { describe, expect, it } from 'vitest';
import { collabShouldReconnect, fetchTicket } from './protocol';

function answering(status: number, body: unknown): typeof fetch {
	return (async () =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
}

describe('fetchTicket', () => {
	it('keeps whether the paper is approved minutes (the editor names the approval when an edit is refused)', async () => {
		const ticket = await fetchTicket(
			'p1',
			answering(200, { ticket: 't', url: 'ws://host/collab/p1?ticket=t', access: 'view', frozen: true })
		);
		expect(ticket).toEqual({ ticket: 't', url: 'ws://host/collab/p1?ticket=t', access: 'view', frozen: true });
	});

	it('reads a ticket without `frozen` as not frozen, and a missing access as view', async () => {
		const ticket = await fetchTicket('p1', answering(200, { ticket: 't', url: 'ws://host/collab/p1?ticket=t' }));
		expect(ticket.frozen).toBe(false);
		expect(ticket.access).toBe('view');
	});

	it("throws the server's message when the ticket is refused", async () => {
		await expect(fetchTicket('p1', answering(403, { message: 'Kein Zugriff.' }))).rejects.toThrow('Kein Zugriff.');
	});
});

describe('collabShouldReconnect', () => {
	it('stops after a refused edit, a too large message and the other 44xx closes, not after transient ones', () => {
		for (const code of [1009, 4400, 4403, 4404, 4423, 4429]) expect(collabShouldReconnect({ code })).toBe(false);
		for (const code of [1006, 1012, 1013]) expect(collabShouldReconnect({ code })).toBe(true);
	});
});
