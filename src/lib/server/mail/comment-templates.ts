import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailcomments.de.json';
import mailEn from '$lib/i18n/messages/mailcomments.en.json';
import type { MailContent } from './templates';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
export type CommentMailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<CommentMailKey, string>> = {
	de: mailDe,
	en: mailEn satisfies Record<CommentMailKey, string>
};

const text = (locale: Locale, key: CommentMailKey, params?: FillParams) => fill(catalogs[locale][key], params);

/** Subject lines are single header lines: names and titles must not smuggle in line breaks. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** A comment quoted in a mail: at most a few hundred characters, each line marked as a quote. */
export function excerpt(body: string, max = 400): string {
	const short = body.length > max ? `${body.slice(0, max).trimEnd()} …` : body;
	return short
		.split('\n')
		.map((line) => `> ${line}`)
		.join('\n');
}

export function commentMentionMail(input: {
	/** Language of the person mentioned (their profile setting). */
	locale: Locale;
	/** Display name of the person mentioned. */
	recipientName: string;
	/** Display name of the comment's author. */
	authorName: string;
	/** Title of the paper. */
	paperTitle: string;
	/** Name of the board. */
	boardName: string;
	/** The comment's text. */
	body: string;
	/** Absolute link to the paper at the thread. */
	link: string;
}): MailContent {
	const { locale } = input;
	const params = { authorName: input.authorName, paperTitle: input.paperTitle };
	return {
		subject: oneLine(
			text(locale, 'mailcomments.mention.subject', {
				authorName: oneLine(params.authorName),
				paperTitle: oneLine(params.paperTitle)
			})
		),
		text: `${text(locale, 'mailcomments.mention.body', {
			...params,
			recipientName: input.recipientName,
			boardName: input.boardName,
			excerpt: excerpt(input.body),
			link: input.link
		})}\n\n${text(locale, 'mailcomments.signature')}\n`
	};
}
