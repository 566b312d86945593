import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { buildMinutesDocument, canonicalText, decisionTexts, numberItems, type MinutesItem } from './minutes-document';
import {
	applyMeetingRecord,
	assembleMeetingRecord,
	isRecordBlock,
	recordBlocks,
	type RecordLogEntry
} from './minutes-live';

// Minutes assistance (#19): fixed instants only, so the result never depends on the machine's date or zone.

const at = (iso: string) => new Date(iso);
const entry = (iso: string, kind: RecordLogEntry['kind'], extra: Partial<RecordLogEntry> = {}): RecordLogEntry => ({
	at: at(iso),
	kind,
	itemId: null,
	userId: null,
	...extra
});

const people = [
	{ userId: 'u-anna', name: 'Anna Berg' },
	{ userId: 'u-carl', name: 'Carl Dorn' },
	{ userId: 'u-eva', name: 'Eva Falk' },
	{ userId: 'u-gus', name: 'Gus Hahn' }
];

/** A summer meeting (CEST, UTC+2): 18:00 Berlin is 16:00 UTC. */
function summerLog(): RecordLogEntry[] {
	return [
		entry('2026-06-10T16:00:00Z', 'started'),
		entry('2026-06-10T16:01:00Z', 'arrived', { userId: 'u-anna' }),
		entry('2026-06-10T16:02:00Z', 'arrived', { userId: 'u-carl' }),
		entry('2026-06-10T16:05:00Z', 'item_started', { itemId: 'i1' }),
		// Late, then a change of mode (no second arrival), then leaves early.
		entry('2026-06-10T16:12:00Z', 'arrived', { userId: 'u-eva' }),
		entry('2026-06-10T16:13:00Z', 'arrived', { userId: 'u-eva' }),
		entry('2026-06-10T16:20:00Z', 'item_ended', { itemId: 'i1' }),
		entry('2026-06-10T16:20:00Z', 'item_started', { itemId: 'i2' }),
		entry('2026-06-10T16:30:00Z', 'left', { userId: 'u-carl' }),
		entry('2026-06-10T16:40:00Z', 'arrived', { userId: 'u-carl' }),
		entry('2026-06-10T16:45:00Z', 'item_ended', { itemId: 'i2' }),
		// Item 1 again: its first start and its last end.
		entry('2026-06-10T16:45:00Z', 'item_started', { itemId: 'i1' }),
		entry('2026-06-10T16:50:00Z', 'left', { userId: 'u-eva' }),
		entry('2026-06-10T16:55:00Z', 'item_ended', { itemId: 'i1' }),
		entry('2026-06-10T16:56:00Z', 'ended')
	];
}

const checkins = [
	{ userId: 'u-eva', name: 'Eva Falk', mode: 'online' as const },
	{ userId: 'u-anna', name: 'Anna Berg', mode: 'room' as const },
	{ userId: 'u-carl', name: 'Carl Dorn', mode: 'room' as const }
];

const texts = (node: JSONContent | null) => (node?.content ?? []).map((p) => p.content?.[0]?.text ?? '');

describe('meeting record', () => {
	it('takes the first start and the last end of an item, and late arrivals, departures and returns', () => {
		const record = assembleMeetingRecord({ log: summerLog(), expected: people, checkins });
		expect(record.items.get('i1')).toEqual({
			startedAt: at('2026-06-10T16:05:00Z'),
			endedAt: at('2026-06-10T16:55:00Z')
		});
		expect(record.items.get('i2')).toEqual({
			startedAt: at('2026-06-10T16:20:00Z'),
			endedAt: at('2026-06-10T16:45:00Z')
		});
		expect(record.present).toEqual([
			{ name: 'Anna Berg', mode: 'room', changes: [] },
			{
				name: 'Carl Dorn',
				mode: 'room',
				changes: [
					{ kind: 'left', at: at('2026-06-10T16:30:00Z') },
					{ kind: 'returned', at: at('2026-06-10T16:40:00Z') }
				]
			},
			{
				name: 'Eva Falk',
				mode: 'online',
				changes: [
					{ kind: 'late', at: at('2026-06-10T16:12:00Z') },
					{ kind: 'left', at: at('2026-06-10T16:50:00Z') }
				]
			}
		]);
		expect(record.absent).toEqual(['Gus Hahn']);
	});

	it('leaves the end open while an item runs again, and calls nobody late before the first item', () => {
		const log = [
			entry('2026-06-10T16:10:00Z', 'arrived', { userId: 'u-anna' }),
			entry('2026-06-10T16:15:00Z', 'item_started', { itemId: 'i1' }),
			entry('2026-06-10T16:20:00Z', 'item_ended', { itemId: 'i1' }),
			entry('2026-06-10T16:25:00Z', 'item_started', { itemId: 'i1' })
		];
		const record = assembleMeetingRecord({ log, expected: people, checkins: [checkins[1]!] });
		expect(record.items.get('i1')).toEqual({ startedAt: at('2026-06-10T16:15:00Z'), endedAt: null });
		expect(record.present).toEqual([{ name: 'Anna Berg', mode: 'room', changes: [] }]);
		const blocks = recordBlocks(record, 'de');
		expect(texts(blocks.item('i1'))).toEqual(['Aus dem Sitzungsmodus: Beginn 18:15 Uhr']);
		expect(blocks.item('other')).toBeNull();
	});

	it('writes Berlin time in summer, in winter and across the night the clocks go back', () => {
		const record = assembleMeetingRecord({ log: summerLog(), expected: people, checkins });
		const de = recordBlocks(record, 'de');
		expect(texts(de.item('i1'))).toEqual(['Aus dem Sitzungsmodus: Beginn 18:05 Uhr, Ende 18:55 Uhr']);
		expect(texts(de.attendance)).toEqual([
			'Aus dem Sitzungsmodus:',
			'Im Raum: Anna Berg, Carl Dorn (gegangen 18:30 Uhr, wieder da 18:40 Uhr)',
			'Online: Eva Falk (verspätet ab 18:12 Uhr, gegangen 18:50 Uhr)',
			'Abwesend: Gus Hahn'
		]);
		const en = recordBlocks(record, 'en');
		expect(texts(en.item('i2'))).toEqual(['From meeting mode: started 18:20, ended 18:45']);
		expect(texts(en.attendance)[2]).toBe('Online: Eva Falk (late, from 18:12, left 18:50)');

		// Winter (CET, UTC+1): the same Berlin times are an hour later in UTC.
		const winter = assembleMeetingRecord({
			log: [
				entry('2026-12-10T17:05:00Z', 'item_started', { itemId: 'i1' }),
				entry('2026-12-10T17:55:00Z', 'item_ended', { itemId: 'i1' })
			],
			expected: [],
			checkins: []
		});
		expect(texts(recordBlocks(winter, 'de').item('i1'))).toEqual([
			'Aus dem Sitzungsmodus: Beginn 18:05 Uhr, Ende 18:55 Uhr'
		]);
		expect(texts(recordBlocks(winter, 'de').attendance).slice(1)).toEqual([
			'Im Raum: niemand erfasst',
			'Online: niemand erfasst',
			'Abwesend: niemand erfasst'
		]);

		// 25 October 2026: 03:00 CEST becomes 02:00 CET. An item from 01:30 UTC-wise 02:30 summer time to
		// 02:30 winter time runs an hour, though both ends read 02:30.
		const night = assembleMeetingRecord({
			log: [
				entry('2026-10-25T00:30:00Z', 'item_started', { itemId: 'i1' }),
				entry('2026-10-25T01:30:00Z', 'item_ended', { itemId: 'i1' }),
				entry('2026-10-25T01:40:00Z', 'item_started', { itemId: 'i2' })
			],
			expected: [],
			checkins: []
		});
		const blocks = recordBlocks(night, 'de');
		expect(texts(blocks.item('i1'))).toEqual(['Aus dem Sitzungsmodus: Beginn 02:30 Uhr, Ende 02:30 Uhr']);
		expect(texts(blocks.item('i2'))).toEqual(['Aus dem Sitzungsmodus: Beginn 02:40 Uhr']);
	});
});

describe('meeting record in the minutes text', () => {
	const item = (id: string, title: string, extra: Partial<MinutesItem> = {}): MinutesItem => ({
		id,
		title,
		isSubItem: false,
		kind: 'information',
		isPublic: true,
		presenter: null,
		...extra
	});
	const items = numberItems([
		item('i1', 'Begrüßung', { presenter: 'Frau X' }),
		item('i2', 'Haushalt', { kind: 'decision' }),
		item('i3', 'Verschiedenes')
	]);
	const numbers = new Map(items.map((i) => [i.number, i.id]));
	const labels = {
		title: 'Protokoll: Sitzung',
		date: 'Sitzung vom 10.06.2026',
		attendance: 'Anwesenheit',
		present: 'Anwesend',
		absent: 'Abwesend',
		nobody: 'niemand erfasst',
		presenter: 'Berichterstattung',
		notes: 'Diskussion:',
		decision: 'Beschluss'
	};
	const record = assembleMeetingRecord({ log: summerLog(), expected: people, checkins });
	const generate = () =>
		applyMeetingRecord(
			buildMinutesDocument({ labels, present: [], absent: [], items, attendanceFromMeetingMode: true }),
			recordBlocks(record, 'de'),
			numbers
		);
	const generated = () => generate().doc;

	it('puts the attendance under its heading and each called item right under its heading', () => {
		const lines = canonicalText(generated()).split('\n');
		expect(lines.slice(0, 8)).toEqual([
			'# Protokoll: Sitzung',
			'Sitzung vom 10.06.2026',
			'## Anwesenheit',
			'> Aus dem Sitzungsmodus:',
			'> Im Raum: Anna Berg, Carl Dorn (gegangen 18:30 Uhr, wieder da 18:40 Uhr)',
			'> Online: Eva Falk (verspätet ab 18:12 Uhr, gegangen 18:50 Uhr)',
			'> Abwesend: Gus Hahn',
			'## Ö 1: Begrüßung'
		]);
		expect(lines.slice(8, 11)).toEqual([
			'> Aus dem Sitzungsmodus: Beginn 18:05 Uhr, Ende 18:55 Uhr',
			'Berichterstattung: Frau X',
			'Diskussion:'
		]);
		expect(lines).toContain('> Aus dem Sitzungsmodus: Beginn 18:20 Uhr, Ende 18:45 Uhr');
		// An item meeting mode never called gets no block.
		expect(lines.slice(lines.indexOf('## Ö 3: Verschiedenes'))).toEqual(['## Ö 3: Verschiedenes', 'Diskussion:', '']);
	});

	it('updates only its blocks: typed text stays, twice is once, another language finds them', () => {
		const { doc, written } = generate();
		expect([...written.keys()].sort()).toEqual(['attendance', 'i1', 'i2']);
		// People typed notes, a decision, and something right above the attendance block.
		const content = doc.content!;
		content.splice(3, 0, { type: 'paragraph', content: [{ type: 'text', text: 'Sitzungsleitung: Frau Y' }] });
		const notes = content.findIndex((n) => n.content?.[0]?.text === 'Diskussion:');
		content[notes] = { type: 'paragraph', content: [{ type: 'text', text: 'Diskussion: lebhaft' }] };
		const decision = content.findIndex((n) => n.type === 'heading' && n.content?.[0]?.text === 'Beschluss');
		content[decision + 1] = { type: 'paragraph', content: [{ type: 'text', text: 'Der Haushalt wird beschlossen.' }] };
		const typed = structuredClone(doc);

		// Nothing new: the same document.
		expect(applyMeetingRecord(typed, recordBlocks(record, 'de'), numbers, written)).toEqual({
			doc: typed,
			written,
			kept: []
		});

		// Later data (item 3 called, Gus arrives late), taken over in English.
		const later = assembleMeetingRecord({
			log: [
				...summerLog().slice(0, -1),
				entry('2026-06-10T16:57:00Z', 'arrived', { userId: 'u-gus' }),
				entry('2026-06-10T16:58:00Z', 'item_started', { itemId: 'i3' })
			],
			expected: people,
			checkins: [...checkins, { userId: 'u-gus', name: 'Gus Hahn', mode: 'room' }]
		});
		const updated = applyMeetingRecord(typed, recordBlocks(later, 'en'), numbers, written);
		expect(updated.kept).toEqual([]);
		expect([...updated.written.keys()].sort()).toEqual(['attendance', 'i1', 'i2', 'i3']);
		const lines = canonicalText(updated.doc).split('\n');
		expect(lines).toContain('Sitzungsleitung: Frau Y');
		expect(lines).toContain('Diskussion: lebhaft');
		expect(lines).toContain('> Absent: nobody recorded');
		expect(lines).toContain(
			'> In the room: Anna Berg, Carl Dorn (left 18:30, back 18:40), Gus Hahn (late, from 18:57)'
		);
		expect(lines.filter((l) => l.startsWith('> Aus dem Sitzungsmodus'))).toEqual([]);
		expect(lines.slice(lines.indexOf('## Ö 3: Verschiedenes'), -1)).toEqual([
			'## Ö 3: Verschiedenes',
			'> From meeting mode: started 18:58',
			'Diskussion:'
		]);
		expect(updated.doc.content!.filter(isRecordBlock)).toHaveLength(4);
		expect(decisionTexts(updated.doc, ['Beschluss'])).toEqual(new Map([['Ö 2', 'Der Haushalt wird beschlossen.']]));
		expect(applyMeetingRecord(updated.doc, recordBlocks(later, 'en'), numbers, updated.written)).toEqual(updated);
	});

	it('leaves a block people edited as they typed it, and keeps remembering what it wrote', () => {
		const { doc, written } = generate();
		const block = doc.content!.findIndex(isRecordBlock);
		const edited = structuredClone(doc);
		edited.content![block]!.content!.push({
			type: 'paragraph',
			content: [{ type: 'text', text: 'Gast: Herr Z (Presse)' }]
		});
		const later = assembleMeetingRecord({
			log: [...summerLog(), entry('2026-06-10T16:57:00Z', 'arrived', { userId: 'u-gus' })],
			expected: people,
			checkins: [...checkins, { userId: 'u-gus', name: 'Gus Hahn', mode: 'room' }]
		});
		const result = applyMeetingRecord(edited, recordBlocks(later, 'de'), numbers, written);
		expect(result.kept).toEqual(['attendance']);
		expect(result.doc).toEqual(edited);
		expect(result.written).toEqual(written);
		// A block nobody remembers writing (pasted from elsewhere) is people's text too.
		expect(applyMeetingRecord(doc, recordBlocks(later, 'de'), numbers, new Map()).kept).toEqual([
			'attendance',
			'i1',
			'i2'
		]);
	});

	it('recognises only its own blocks: a quotation people typed stays', () => {
		const doc = generated();
		const quote: JSONContent = {
			type: 'blockquote',
			content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zitat: Aus dem Sitzungsmodus: nein' }] }]
		};
		doc.content!.splice(9, 0, quote);
		expect(isRecordBlock(quote)).toBe(false);
		expect(applyMeetingRecord(doc, recordBlocks(record, 'de'), numbers).doc.content).toContainEqual(quote);
	});
});
