import { describe, expect, it } from 'vitest';
import { placeholders } from '$lib/i18n/fill';
import digestDe from '$lib/i18n/messages/maildigest.de.json';
import digestEn from '$lib/i18n/messages/maildigest.en.json';
import { digestMail } from './digest-templates';

const lines = [
	{
		text: 'Ada Amt hat Sie in „Papier“ erwähnt',
		boardName: 'Beirat',
		createdAt: new Date('2026-12-09T13:30:00Z'),
		link: 'https://beirat.example/b/x/papers/1'
	},
	{
		text: 'Umlaufbeschluss geöffnet: „Haushalt“',
		boardName: 'AG',
		createdAt: new Date('2026-12-09T15:00:00Z'),
		link: 'https://beirat.example/b/y/votes/2'
	}
];

describe('digest mail', () => {
	it('has the same keys and placeholders in both languages', () => {
		expect(Object.keys(digestEn).sort()).toEqual(Object.keys(digestDe).sort());
		for (const key of Object.keys(digestDe) as (keyof typeof digestDe)[])
			expect(placeholders(digestEn[key]), key).toEqual(placeholders(digestDe[key]));
	});

	it('lists every item with board, Berlin time and link, plus the list and settings links', () => {
		const mail = digestMail({
			locale: 'de',
			recipientName: 'Dr. Aylin Demir',
			lines,
			origin: 'https://beirat.example'
		});
		expect(mail.subject).toBe('Ihre tägliche Zusammenfassung: 2 neu in Beirat');
		expect(mail.text).toContain('Guten Tag Dr. Aylin Demir');
		expect(mail.text).toContain(
			'– Ada Amt hat Sie in „Papier“ erwähnt\n  Beirat, 9. Dezember 2026 um 14:30 MEZ\n  https://beirat.example/b/x/papers/1'
		);
		expect(mail.text).toContain('https://beirat.example/b/y/votes/2');
		expect(mail.text).toContain('https://beirat.example/notifications');
		expect(mail.text).toContain('https://beirat.example/profile#notification-settings');
		expect(mail.text).not.toMatch(/\{\w+\}/);
	});

	it('writes English for English readers', () => {
		const mail = digestMail({
			locale: 'en',
			recipientName: 'Sam',
			lines: lines.slice(0, 1),
			origin: 'https://beirat.example'
		});
		expect(mail.subject).toBe('Your daily summary: 1 new in Beirat');
		expect(mail.text).toContain('Hello Sam');
		expect(mail.text).toContain('Kind regards');
	});
});
