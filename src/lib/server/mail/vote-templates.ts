import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailvotes.de.json';
import mailEn from '$lib/i18n/messages/mailvotes.en.json';
import { formatDeadline, type MailContent } from './templates';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
type VoteMailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<VoteMailKey, string>> = {
	de: mailDe,
	en: mailEn satisfies Record<VoteMailKey, string>
};

const text = (locale: Locale, key: VoteMailKey, params?: FillParams) => fill(catalogs[locale][key], params);
/** Subject lines are single header lines: a motion typed by people must not smuggle in line breaks. */
const oneLine = (value: string, max = 120) => {
	const line = value.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export interface VoteMailInput {
	locale: Locale;
	name: string;
	boardName: string;
	motion: string;
	deadline: Date;
	link: string;
}

function compose(kind: 'opened' | 'reminder', input: VoteMailInput): MailContent {
	const { locale } = input;
	const { name, boardName, motion, link } = input;
	const body = text(locale, `mailvotes.${kind}.body`, {
		name,
		boardName,
		motion,
		link,
		deadline: formatDeadline(input.deadline, locale)
	});
	return {
		subject: oneLine(text(locale, `mailvotes.${kind}.subject`, { motion: oneLine(input.motion, 80) })),
		text: `${body}\n\n${text(locale, 'mailvotes.signature')}\n`
	};
}

export const voteOpenedMail = (input: VoteMailInput) => compose('opened', input);
export const voteReminderMail = (input: VoteMailInput) => compose('reminder', input);

export function voteResultMail(
	input: VoteMailInput & {
		status: 'open' | 'adopted' | 'rejected' | 'failed' | 'moved';
		yes: number;
		no: number;
		abstain: number;
		voted: number;
		eligible: number;
	}
): MailContent {
	const { locale } = input;
	const { name, boardName, motion, link, yes, no, abstain, voted, eligible } = input;
	const status = text(locale, `mailvotes.status.${input.status}`);
	const body = text(locale, 'mailvotes.result.body', {
		name,
		boardName,
		motion,
		link,
		yes,
		no,
		abstain,
		voted,
		eligible,
		status
	});
	return {
		subject: oneLine(text(locale, 'mailvotes.result.subject', { motion: oneLine(input.motion, 80) })),
		text: `${body}\n\n${text(locale, 'mailvotes.signature')}\n`
	};
}
