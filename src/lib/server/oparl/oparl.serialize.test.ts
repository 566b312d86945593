import { describe, expect, it } from 'vitest';
import { agendaItems } from './oparl-agenda.serialize';
import { file, membership, tombstone, type SerializeContext } from './oparl.serialize';
import type { FileRow, ItemRow, MeetingRow, MembershipRow } from './oparl-load.repository';

const ctx: SerializeContext = {
	origin: 'https://beirat.example',
	body: { key: 'hamm', name: 'Stadt Hamm', shortName: 'Hamm', ags: '05915000' },
	omitInternal: false
};
const t0 = new Date('2026-11-15T15:00:00Z');
const stamps = { o_created: t0, o_changed: t0 };

const meeting: MeetingRow = {
	id: 'm1',
	board_id: 'b1',
	slug: 'beirat',
	title: 'Sitzung',
	description: '',
	starts_at: t0,
	ends_at: new Date('2026-11-15T17:00:00Z'),
	location: 'Rathaus',
	status: 'planned',
	l_created: t0,
	l_changed: t0,
	...stamps
};
const item = (id: string, position: number, sub = false): ItemRow => ({
	id,
	meeting_id: 'm1',
	position,
	is_sub_item: sub,
	title: `Punkt ${id}`,
	planned_minutes: 15,
	...stamps
});

describe('OParl serializers', () => {
	it('numbers, orders and times the public agenda like the app does', () => {
		const items = agendaItems(ctx, {
			meeting,
			items: [item('a', 0), item('b', 1, true), item('c', 2)],
			decisions: [
				{ agenda_item_id: 'c', number: '2026/01', title: 'Beschluss', resolution: 'Text', status: 'adopted' }
			],
			consultations: [],
			files: []
		});
		expect(items.map((i) => [i.number, i.order, i.start])).toEqual([
			['Ö 1', 0, '2026-11-15T15:00:00.000Z'],
			['Ö 1.1', 1, '2026-11-15T15:15:00.000Z'],
			['Ö 2', 2, '2026-11-15T15:30:00.000Z']
		]);
		expect(items[2]).toMatchObject({ result: 'Angenommen', resolutionText: '2026/01 Beschluss\n\nText' });
		expect(items[0]).not.toHaveProperty('resolutionText');
		expect(items[0]!.web).toBe('https://beirat.example/p/beirat/meetings/m1#item-a');
	});

	it('gives a file the citizens’ addresses and drops back references when embedded', () => {
		const row: FileRow = {
			id: 'f1',
			slug: 'beirat',
			name: 'Bericht 2026.pdf',
			content_type: 'application/pdf',
			size: 10,
			created_at: t0,
			agenda_item_id: 'a',
			meeting_id: 'm1',
			paper_id: null,
			...stamps
		};
		const standalone = file(ctx, row, false);
		expect(standalone).toMatchObject({
			name: 'Bericht 2026',
			fileName: 'Bericht 2026.pdf',
			accessUrl: 'https://beirat.example/p/beirat/files/f1',
			downloadUrl: 'https://beirat.example/p/beirat/files/f1/download',
			agendaItem: ['https://beirat.example/oparl/v1/agendaitem/a']
		});
		expect(file(ctx, row, true)).not.toHaveProperty('agendaItem');
	});

	it('writes a membership with the German role and no e-mail', () => {
		const row: MembershipRow = {
			id: 'ms',
			board_id: 'b1',
			user_id: 'u1',
			role: 'advisor',
			start_date: '2026-01-02',
			...stamps
		};
		const object = membership(ctx, row, 'beirat', false);
		expect(object).toMatchObject({ role: 'Beratendes Mitglied', votingRight: false, startDate: '2026-01-02' });
		expect(object.person).toBe('https://beirat.example/oparl/v1/person/u1');
		expect(membership(ctx, row, 'beirat', true)).not.toHaveProperty('person');
	});

	it('reduces a withdrawn object to id, type, created, modified and deleted', () => {
		expect(tombstone(ctx, { id: 'x', type: 'agendaitem', created: t0, modified: t0 })).toEqual({
			id: 'https://beirat.example/oparl/v1/agendaitem/x',
			type: 'https://schema.oparl.org/1.1/AgendaItem',
			created: t0.toISOString(),
			modified: t0.toISOString(),
			deleted: true
		});
	});
});
