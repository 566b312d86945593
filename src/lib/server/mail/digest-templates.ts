import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import digestDe from '$lib/i18n/messages/maildigest.de.json';
import digestEn from '$lib/i18n/messages/maildigest.en.json';
import { formatDeadline, type MailContent } from './templates';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
export type DigestMailKey = keyof typeof digestDe;
const catalogs: Record<Locale, Record<DigestMailKey, string>> = {
	de: digestDe,
	en: digestEn satisfies Record<DigestMailKey, string>
};

const text = (locale: Locale, key: DigestMailKey, params?: FillParams) => fill(catalogs[locale][key], params);

/** One line of the digest, already in the recipient's language. */
export interface DigestLine {
	/** The notification's sentence. */
	text: string;
	boardName: string;
	createdAt: Date;
	/** Absolute link to the thing. */
	link: string;
}

/** The daily summary: every undigested notification of one person, oldest first, in their language. */
export function digestMail(input: {
	locale: Locale;
	/** Display name of the recipient. */
	recipientName: string;
	lines: DigestLine[];
	/** The app's public URL, for the list and the settings links. */
	origin: string;
}): MailContent {
	const { locale } = input;
	const items = input.lines.map((line) =>
		text(locale, 'maildigest.item', {
			text: line.text,
			board: line.boardName,
			date: formatDeadline(line.createdAt, locale),
			link: line.link
		})
	);
	return {
		subject: text(locale, 'maildigest.subject', { count: input.lines.length }).replace(/\s+/g, ' ').trim(),
		text: [
			text(locale, 'maildigest.intro', { name: input.recipientName }),
			items.join('\n\n'),
			text(locale, 'maildigest.footer', {
				all: `${input.origin}/notifications`,
				settings: `${input.origin}/profile#notification-settings`
			}),
			`${text(locale, 'maildigest.signature')}\n`
		].join('\n\n')
	};
}
