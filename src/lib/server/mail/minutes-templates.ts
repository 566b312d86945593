import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailminutes.de.json';
import mailEn from '$lib/i18n/messages/mailminutes.en.json';
import { formatDeadline, type MailContent } from './templates';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
export type MinutesMailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<MinutesMailKey, string>> = {
	de: mailDe,
	en: mailEn satisfies Record<MinutesMailKey, string>
};

const text = (locale: Locale, key: MinutesMailKey, params?: FillParams) => fill(catalogs[locale][key], params);
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

export function minutesReviewMail(input: {
	/** Language of the recipient. */
	locale: Locale;
	recipientName: string;
	meetingTitle: string;
	/** End of the review period. */
	until: Date;
	/** Absolute link to the minutes paper. */
	link: string;
}): MailContent {
	const { locale } = input;
	return {
		subject: oneLine(text(locale, 'mailminutes.review.subject', { meeting: oneLine(input.meetingTitle) })),
		text: `${text(locale, 'mailminutes.review.body', {
			name: input.recipientName,
			meeting: input.meetingTitle,
			until: formatDeadline(input.until, locale),
			link: input.link
		})}\n\n${text(locale, 'mailminutes.signature')}\n`
	};
}
