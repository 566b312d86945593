import { describe, expect, it } from 'vitest';
import { meetingTitleFromPoll } from './poll-title';

describe('meetingTitleFromPoll', () => {
	it.each([
		['5. Sitzung – Terminfindung', '5. Sitzung'],
		['5. Sitzung - Terminfindung', '5. Sitzung'],
		['Klausurtagung (Terminumfrage)', 'Klausurtagung'],
		['Terminfindung: Sondersitzung Fachkräfte', 'Sondersitzung Fachkräfte'],
		['5th meeting – date poll', '5th meeting'],
		['Strategy workshop: scheduling', 'Strategy workshop'],
		['Sitzung zur Terminfindung im Rathaus', 'Sitzung zur Terminfindung im Rathaus'],
		['Terminfindung', 'Terminfindung']
	])('%s -> %s', (poll, meeting) => {
		expect(meetingTitleFromPoll(poll)).toBe(meeting);
	});
});
