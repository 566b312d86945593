import { describe, expect, it } from 'vitest';
import { buildCalendar, type IcsMeeting } from './ics';

const meeting = (startsAt: string, endsAt: string): IcsMeeting => ({
	id: '00000000-0000-4000-8000-000000000001',
	title: 'Sitzung',
	description: '',
	startsAt: new Date(startsAt),
	endsAt: new Date(endsAt),
	location: null,
	onlineUrl: null,
	status: 'scheduled',
	sequence: 0,
	updatedAt: new Date('2027-01-01T00:00:00Z'),
	link: 'https://beirat.example/b/x/meetings/1'
});

const times = (m: IcsMeeting) =>
	buildCalendar({ name: 'Beirat', meetings: [m], origin: 'https://beirat.example' })
		.split('\r\n')
		.filter((line) => /^DT(START|END)[;:]/.test(line) && !/^DTSTART:1970/.test(line));

describe('meeting times in .ics around the 2027 DST switches', () => {
	it('writes Berlin wall-clock time with TZID on both sides of the spring switch', () => {
		expect(times(meeting('2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z'))).toEqual([
			'DTSTART;TZID=Europe/Berlin:20270328T013000',
			'DTEND;TZID=Europe/Berlin:20270328T033000'
		]);
	});

	it('writes UTC when the meeting touches the repeated autumn hour: TZID would make it last no time', () => {
		expect(times(meeting('2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z'))).toEqual([
			'DTSTART:20271031T003000Z',
			'DTEND:20271031T013000Z'
		]);
	});

	it('keeps TZID for the first pass through the repeated hour and after it', () => {
		expect(times(meeting('2027-10-31T00:00:00Z', '2027-10-31T00:45:00Z'))).toEqual([
			'DTSTART;TZID=Europe/Berlin:20271031T020000',
			'DTEND;TZID=Europe/Berlin:20271031T024500'
		]);
		expect(times(meeting('2027-10-31T09:00:00Z', '2027-10-31T10:30:00Z'))).toEqual([
			'DTSTART;TZID=Europe/Berlin:20271031T100000',
			'DTEND;TZID=Europe/Berlin:20271031T113000'
		]);
	});
});
