import { describe, expect, it } from 'vitest';
import { placeholders } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailmeetings.de.json';
import mailEn from '$lib/i18n/messages/mailmeetings.en.json';
import { guestInvitationMail, meetingChangedMail, meetingInvitationMail, reminderMail } from './meeting-templates';

const meeting = {
	title: '4. Sitzung\ndes Beirats',
	startsAt: new Date('2026-12-10T15:00:00Z'),
	endsAt: new Date('2026-12-10T17:00:00Z'),
	location: 'Technisches Rathaus Hamm',
	onlineUrl: null,
	link: 'https://beirat.example/b/x/meetings/1'
};

describe('meeting mail catalogs', () => {
	it('have the same keys and placeholders in both languages', () => {
		expect(Object.keys(mailEn).sort()).toEqual(Object.keys(mailDe).sort());
		for (const [key, german] of Object.entries(mailDe))
			expect(placeholders(mailEn[key as keyof typeof mailEn]), key).toEqual(placeholders(german));
	});
});

describe('meeting mails', () => {
	const at = (time: string) => new Date(`2026-12-10T${time}:00Z`);
	const agenda = [
		{ number: 'Ö 1', title: 'Eröffnung', isSubItem: false, isPublic: true, startsAt: at('15:00') },
		{ number: 'Ö 1.1', title: 'Protokoll', isSubItem: true, isPublic: true, startsAt: at('15:05') },
		{ number: 'Ö 2', title: 'Verschiedenes', isSubItem: false, isPublic: true, startsAt: at('15:10') },
		{ number: 'N 1', title: 'Grundstück', isSubItem: false, isPublic: false, startsAt: at('15:20') }
	];

	it('invite in German with Berlin time, place and the agenda with its real numbers and times by part; subjects stay on one line', () => {
		const mail = meetingInvitationMail({ locale: 'de', boardName: 'Wirtschaft.Hamm.2030', meeting, agenda });
		expect(mail.subject).toBe('Einladung: 4. Sitzung des Beirats am 10. Dezember 2026 um 16:00 MEZ');
		expect(mail.text).toContain('Wo: Technisches Rathaus Hamm');
		expect(mail.text).toContain(
			'Tagesordnung:\nÖffentlicher Teil\n  Ö 1  16:00  Eröffnung\n    Ö 1.1  16:05  Protokoll\n  Ö 2  16:10  Verschiedenes\nNichtöffentlicher Teil\n  N 1  16:20  Grundstück'
		);
		const guest = meetingInvitationMail({
			locale: 'en',
			boardName: 'B',
			meeting,
			agenda: agenda.filter((item) => item.isPublic)
		});
		expect(guest.text).toContain(
			'Public part\n  Ö 1  16:00  Eröffnung\n    Ö 1.1  16:05  Protokoll\n  Ö 2  16:10  Verschiedenes\n'
		);
		expect(guest.text).not.toMatch(/Non-public|N 1|Grundstück/);
		expect(mail.text).toContain('Mit freundlichen Grüßen');
	});

	it('list changes old → new in English', () => {
		const mail = meetingChangedMail({
			locale: 'en',
			boardName: 'B',
			meeting,
			changes: [{ field: 'location', old: null, new: 'Rathaus' }]
		});
		expect(mail.subject).toBe('Changed: 4. Sitzung des Beirats');
		expect(mail.text).toContain('Place: (none) → Rathaus');
	});

	it('fill every placeholder', () => {
		const mails = [
			reminderMail({ locale: 'de', boardName: 'B', meeting, days: 7 }),
			guestInvitationMail({
				locale: 'en',
				boardName: 'B',
				meeting,
				inviterName: 'Sabine',
				inviteLink: 'https://x/invite/t',
				expiresAt: new Date()
			})
		];
		for (const mail of mails) expect(`${mail.subject}${mail.text}`).not.toMatch(/\{\w+\}/);
	});
});
