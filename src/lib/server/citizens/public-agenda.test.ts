import { describe, expect, it } from 'vitest';
import { publicAgenda } from './public-agenda';
import type { PublicItemRow } from './citizens.repository';

const item = (id: string, fields: Partial<PublicItemRow> = {}): PublicItemRow => ({
	id,
	meetingId: 'm',
	position: 0,
	isSubItem: false,
	isPublic: true,
	title: `Punkt ${id}`,
	description: '',
	kind: 'information',
	presenterText: null,
	plannedMinutes: 15,
	...fields
});

describe('public agenda', () => {
	const start = new Date('2026-12-10T15:00:00Z');

	it('numbers and times the public part as the full agenda does', () => {
		const agenda = publicAgenda({
			items: [item('a'), item('b', { isSubItem: true, plannedMinutes: 30 }), item('c')],
			startsAt: start,
			files: [{ id: 'f', itemId: 'b', name: 'Anlage.pdf', size: 10, contentType: 'application/pdf' }]
		});
		expect(agenda.map((i) => i.number)).toEqual(['Ö 1', 'Ö 1.1', 'Ö 2']);
		expect(agenda.map((i) => i.startsAt.toISOString())).toEqual([
			'2026-12-10T15:00:00.000Z',
			'2026-12-10T15:15:00.000Z',
			'2026-12-10T15:45:00.000Z'
		]);
		expect(agenda[1]!.files).toEqual([{ id: 'f', name: 'Anlage.pdf', size: 10, contentType: 'application/pdf' }]);
		expect(agenda[0]!.files).toEqual([]);
	});

	it('never shows an item that is not public, whatever the rows hold', () => {
		const agenda = publicAgenda({
			items: [item('a'), item('secret', { isPublic: false, title: 'Personalangelegenheiten' })],
			startsAt: start
		});
		expect(agenda.map((i) => i.title)).toEqual(['Punkt a']);
		expect(JSON.stringify(agenda)).not.toContain('Personalangelegenheiten');
	});
});
