import { describe, expect, it } from 'vitest';
import { agendaChangedMail } from './agenda-templates';

describe('agenda change mail', () => {
	const input = {
		boardName: 'Wirtschaft.Hamm.2030',
		meetingTitle: '4. Sitzung\ndes Beirats',
		startsAt: new Date('2026-12-10T15:00:00Z'),
		lines: [
			{ action: 'move' as const, title: 'Fachkräfte', before: 'Ö 3', after: 'Ö 2' },
			{ action: 'delete' as const, title: 'Verschiedenes', before: 'N 1', after: null }
		],
		link: 'https://beirat.example/b/x/meetings/1/agenda'
	};

	it('writes German with the Berlin time, every change of the action and the link', () => {
		const mail = agendaChangedMail({ locale: 'de', ...input });
		expect(mail.subject).toBe('Tagesordnung geändert: 4. Sitzung des Beirats');
		expect(mail.text).toContain('10. Dezember 2026');
		expect(mail.text).toContain('16:00');
		expect(mail.text).toContain('– Verschoben: Fachkräfte (bisher Ö 3, jetzt Ö 2)');
		expect(mail.text).toContain('– Gestrichen: N 1 Verschiedenes');
		expect(mail.text).toContain(input.link);
		expect(mail.text).not.toMatch(/\{\w+\}/);
	});

	it('writes English', () => {
		const mail = agendaChangedMail({ locale: 'en', ...input });
		expect(mail.subject).toBe('Agenda changed: 4. Sitzung des Beirats');
		expect(mail.text).toContain('– Moved: Fachkräfte (was Ö 3, now Ö 2)');
		expect(mail.text).toContain('Kind regards');
	});
});
