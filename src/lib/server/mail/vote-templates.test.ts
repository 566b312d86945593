import { describe, expect, it } from 'vitest';
import { voteOpenedMail, voteResultMail } from './vote-templates';

const base = {
	name: 'Jonas Albers',
	boardName: 'Beirat',
	motion: 'Der Beirat\nbeschließt X.',
	deadline: new Date('2026-12-01T17:00:00Z'),
	link: 'http://x/b/y/votes/1'
};

describe('vote mails', () => {
	it('is written in the recipient language with a one-line subject', () => {
		const de = voteOpenedMail({ ...base, locale: 'de' });
		const en = voteOpenedMail({ ...base, locale: 'en' });
		expect(de.subject).toBe('Umlaufbeschluss: Der Beirat beschließt X.');
		expect(en.subject).toBe('Circular resolution: Der Beirat beschließt X.');
		expect(de.text).toContain('1. Dezember 2026');
		expect(en.text).toContain(base.link);
	});
	it('spells out the result and the counts', () => {
		const mail = voteResultMail({
			...base,
			locale: 'en',
			status: 'adopted',
			yes: 3,
			no: 1,
			abstain: 0,
			voted: 4,
			eligible: 5
		});
		expect(mail.text).toContain('Result: adopted');
		expect(mail.text).toContain('Yes: 3 · No: 1 · Abstain: 0 · voted: 4 of 5');
	});
});
