import { describe, expect, it } from 'vitest';
import { fill } from '$lib/i18n/fill';
import { BOARD_ROLES } from '$lib/roles';
import { invitationMail, magicLinkMail, mailRoleLabel, passwordResetMail } from './templates';

describe('mail catalogs', () => {
	it('labels every board role in both languages', () => {
		for (const role of BOARD_ROLES) {
			expect(mailRoleLabel(role, 'de')).not.toMatch(/^mail\./);
			expect(mailRoleLabel(role, 'en')).not.toMatch(/^mail\./);
		}
		expect(mailRoleLabel('deputy', 'de')).toBe('Stellv. Vorsitz');
		expect(mailRoleLabel('advisor', 'en')).toBe('Advisor');
	});
});

describe('fill', () => {
	it('fills known placeholders and leaves unknown ones visible', () => {
		expect(fill('{a} und {b}', { a: 1 })).toBe('1 und {b}');
	});

	it('does not treat inherited object keys as parameters', () => {
		expect(fill('{constructor}', {})).toBe('{constructor}');
	});
});

describe('mail templates', () => {
	const expiresAt = new Date('2026-12-09T13:30:00Z');
	const invitation = {
		boardName: 'Beirat Wirtschaft.Hamm.2030',
		inviterName: 'Erika Beispiel',
		role: 'deputy' as const,
		link: 'https://beirat.example/invite/abc',
		expiresAt
	};

	it('writes the German invitation formally, with the Berlin deadline and signature', () => {
		const mail = invitationMail({ locale: 'de', ...invitation });
		expect(mail.subject).toBe('Einladung in das Gremium „Beirat Wirtschaft.Hamm.2030“');
		expect(mail.text).toContain('Erika Beispiel lädt Sie ein');
		expect(mail.text).toContain('Ihre Rolle: Stellv. Vorsitz.');
		expect(mail.text).toContain('https://beirat.example/invite/abc');
		// 13:30 UTC is 14:30 in Berlin in December (CET).
		expect(mail.text).toContain('9. Dezember 2026');
		expect(mail.text).toContain('14:30');
		expect(mail.text).toContain('Ihr Beirat-Team – Wirtschaft.Hamm.2030');
		expect(mail.text).not.toMatch(/\{\w+\}/);
	});

	it('writes the English invitation', () => {
		const mail = invitationMail({ locale: 'en', ...invitation });
		expect(mail.subject).toBe('Invitation to “Beirat Wirtschaft.Hamm.2030”');
		expect(mail.text).toContain('Your role: Deputy chair.');
		expect(mail.text).toContain('9 December 2026');
		expect(mail.text).toContain('14:30');
		expect(mail.text).toContain('Your Beirat team');
	});

	it('keeps user-supplied names out of the subject header as line breaks', () => {
		const mail = invitationMail({ locale: 'en', ...invitation, boardName: 'Evil\r\nBcc: x@example.com' });
		expect(mail.subject).not.toMatch(/[\r\n]/);
	});

	it('spells out link and validity of magic-link and reset mails in both languages', () => {
		for (const locale of ['de', 'en'] as const) {
			for (const make of [magicLinkMail, passwordResetMail]) {
				const mail = make({ locale, link: 'https://beirat.example/x?token=t', minutes: 30 });
				expect(mail.text).toContain('https://beirat.example/x?token=t');
				expect(mail.text).toContain('30');
				expect(mail.text).not.toMatch(/\{\w+\}/);
				expect(mail.subject.length).toBeGreaterThan(0);
			}
		}
		expect(magicLinkMail({ locale: 'de', link: 'l', minutes: 15 }).text).toContain('15 Minuten gültig');
		expect(passwordResetMail({ locale: 'en', link: 'l', minutes: 60 }).text).toContain('valid for 60 minutes');
	});
});
