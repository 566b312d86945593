import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mail.de.json';
import mailEn from '$lib/i18n/messages/mail.en.json';
import { TIME_ZONE } from '$lib/format';
import { dateTimeFormat } from '$lib/intl';
import type { BoardRole } from '$lib/roles';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
export type MailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<MailKey, string>> = { de: mailDe, en: mailEn satisfies Record<MailKey, string> };

/** What a template produces; the caller adds recipient, kind and board for the outbox. */
export interface MailContent {
	subject: string;
	text: string;
}

function text(locale: Locale, key: MailKey, params?: FillParams): string {
	return fill(catalogs[locale][key], params);
}

/** Subject lines are single header lines: user-supplied names must not smuggle in line breaks. */
function oneLine(value: string): string {
	return value.replace(/\s+/g, ' ').trim();
}

function compose(locale: Locale, kind: 'invitation' | 'magicLink' | 'passwordReset', params: FillParams): MailContent {
	const subjectParams = Object.fromEntries(
		Object.entries(params).map(([name, value]) => [name, oneLine(String(value))])
	);
	return {
		subject: oneLine(text(locale, `mail.${kind}.subject`, subjectParams)),
		text: `${text(locale, `mail.${kind}.body`, params)}\n\n${text(locale, 'mail.signature')}\n`
	};
}

/**
 * A deadline as the board experiences it (Europe/Berlin), spelled out with the zone: recipients may read
 * the mail elsewhere, and a bare "14:00" would be ambiguous.
 */
export function formatDeadline(value: Date, locale: Locale): string {
	return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: TIME_ZONE,
		timeZoneName: 'short'
	}).format(value);
}

/** A role's name in a mail (the app catalog is for pages; mails carry their own wording). */
export function mailRoleLabel(role: BoardRole, locale: Locale): string {
	return text(locale, `mail.role.${role}`);
}

export function invitationMail(input: {
	/** Language of the recipient (chosen by whoever invites). */
	locale: Locale;
	/** Name of the board the invitation is for. */
	boardName: string;
	/** Display name of the person who invites. */
	inviterName: string;
	/** Role the invitee will have in the board. */
	role: BoardRole;
	/** Absolute link to accept the invitation. */
	link: string;
	/** When the invitation stops working. */
	expiresAt: Date;
}): MailContent {
	const { locale } = input;
	return compose(locale, 'invitation', {
		boardName: input.boardName,
		inviterName: input.inviterName,
		role: mailRoleLabel(input.role, locale),
		link: input.link,
		expiresAt: formatDeadline(input.expiresAt, locale)
	});
}

export function magicLinkMail(input: {
	/** Language of the recipient. */
	locale: Locale;
	/** Absolute one-time sign-in link. */
	link: string;
	/** How long the link stays valid. */
	minutes: number;
}): MailContent {
	return compose(input.locale, 'magicLink', { link: input.link, minutes: input.minutes });
}

export function passwordResetMail(input: {
	/** Language of the recipient. */
	locale: Locale;
	/** Absolute one-time reset link. */
	link: string;
	/** How long the link stays valid. */
	minutes: number;
}): MailContent {
	return compose(input.locale, 'passwordReset', { link: input.link, minutes: input.minutes });
}
