import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailrounds.de.json';
import mailEn from '$lib/i18n/messages/mailrounds.en.json';
import { formatDeadline, type MailContent } from './templates';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
type RoundMailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<RoundMailKey, string>> = {
	de: mailDe,
	en: mailEn satisfies Record<RoundMailKey, string>
};

const text = (locale: Locale, key: RoundMailKey, params?: FillParams) => fill(catalogs[locale][key], params);
/** Subject lines are single header lines: a title typed by people must not smuggle in line breaks. */
const oneLine = (value: string, max = 120) => {
	const line = value.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export interface RoundMailInput {
	locale: Locale;
	/** The recipient's name ('' for an invited address). */
	name: string;
	inviter: string;
	boardName: string;
	paper: string;
	question: string;
	deadline: Date;
	/** The round page. */
	link: string;
}

function compose(kind: 'invited' | 'opened' | 'reminder', input: RoundMailInput, extra: FillParams = {}): MailContent {
	const { locale } = input;
	const body = text(locale, `mailrounds.${kind}.body`, {
		name: input.name,
		inviter: input.inviter,
		boardName: input.boardName,
		paper: input.paper,
		question: input.question,
		link: input.link,
		deadline: formatDeadline(input.deadline, locale),
		...extra
	});
	return {
		subject: oneLine(text(locale, `mailrounds.${kind}.subject`, { paper: oneLine(input.paper, 80) })),
		text: `${body}\n\n${text(locale, 'mailrounds.signature')}\n`
	};
}

/** To a contributor without a guest membership: the invitation link first, then the round. */
export const roundInvitationMail = (input: RoundMailInput & { inviteLink: string; expiresAt: Date }) =>
	compose('invited', input, { inviteLink: input.inviteLink, expiresAt: formatDeadline(input.expiresAt, input.locale) });
export const roundOpenedMail = (input: RoundMailInput) => compose('opened', input);
export const roundReminderMail = (input: RoundMailInput) => compose('reminder', input);
