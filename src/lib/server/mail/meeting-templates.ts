import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailmeetings.de.json';
import mailEn from '$lib/i18n/messages/mailmeetings.en.json';
import { formatDeadline, type MailContent } from './templates';
import { agendaLines, type ListedItem } from './agenda-lines';
import signatureDe from '$lib/i18n/messages/mail.de.json';
import signatureEn from '$lib/i18n/messages/mail.en.json';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
export type MeetingMailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<MeetingMailKey, string>> = {
	de: mailDe,
	en: mailEn satisfies Record<MeetingMailKey, string>
};
const signatures: Record<Locale, string> = { de: signatureDe['mail.signature'], en: signatureEn['mail.signature'] };

function text(locale: Locale, key: MeetingMailKey, params?: FillParams): string {
	return fill(catalogs[locale][key], params);
}

function oneLine(value: string): string {
	return value.replace(/\s+/g, ' ').trim();
}

type Kind =
	'scheduled' | 'invitation' | 'changed' | 'cancelled' | 'reminder' | 'guest' | 'pollInvitation' | 'pollReminder';

function compose(locale: Locale, kind: Kind, params: FillParams): MailContent {
	const subjectParams = Object.fromEntries(
		Object.entries(params).map(([name, value]) => [name, oneLine(String(value))])
	);
	return {
		subject: oneLine(text(locale, `mailmeetings.${kind}.subject`, subjectParams)),
		text: `${text(locale, `mailmeetings.${kind}.body`, params)}\n\n${signatures[locale]}\n`
	};
}

/** What every meeting mail says about the meeting. */
export interface MailMeeting {
	title: string;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
	onlineUrl: string | null;
	/** Absolute link to the meeting page. */
	link: string;
}

interface Common {
	/** Language of the recipient (their profile). */
	locale: Locale;
	boardName: string;
	meeting: MailMeeting;
}

/** When, where, online link and page link, one per line. */
export function meetingDetails(locale: Locale, meeting: MailMeeting): string {
	return [
		text(locale, 'mailmeetings.when', {
			start: formatDeadline(meeting.startsAt, locale),
			end: formatDeadline(meeting.endsAt, locale)
		}),
		meeting.location ? text(locale, 'mailmeetings.where', { location: meeting.location }) : '',
		meeting.onlineUrl ? text(locale, 'mailmeetings.online', { url: meeting.onlineUrl }) : '',
		text(locale, 'mailmeetings.link', { link: meeting.link })
	]
		.filter(Boolean)
		.join('\n');
}

function base({ locale, boardName, meeting }: Common): FillParams {
	return {
		boardName,
		title: meeting.title,
		date: formatDeadline(meeting.startsAt, locale),
		details: meetingDetails(locale, meeting),
		link: meeting.link
	};
}

export function scheduledMail(input: Common & { pollTitle: string }): MailContent {
	return compose(input.locale, 'scheduled', { ...base(input), pollTitle: input.pollTitle });
}

/** `agenda`: the items the person may see, planned with their real numbers and times (guests: the public part). */
export function meetingInvitationMail(input: Common & { agenda: readonly ListedItem[] }): MailContent {
	const { locale } = input;
	const agenda = input.agenda.length
		? `${text(locale, 'mailmeetings.agendaTitle')}\n${agendaLines(locale, input.agenda)}`
		: text(locale, 'mailmeetings.agendaEmpty');
	const mail = compose(locale, 'invitation', { ...base(input), agenda });
	return { ...mail, text: `${mail.text}\n${text(locale, 'mailmeetings.ics')}\n` };
}

/** One line per changed field, old → new. */
export interface MeetingChange {
	field: 'startsAt' | 'endsAt' | 'location' | 'onlineUrl';
	old: Date | string | null;
	new: Date | string | null;
}

function changeValue(locale: Locale, value: Date | string | null): string {
	if (value instanceof Date) return formatDeadline(value, locale);
	return value || text(locale, 'mailmeetings.none');
}

export function meetingChangedMail(input: Common & { changes: MeetingChange[] }): MailContent {
	const { locale } = input;
	const changes = input.changes
		.map((change) =>
			text(locale, `mailmeetings.change.${change.field}`, {
				old: changeValue(locale, change.old),
				new: changeValue(locale, change.new)
			})
		)
		.join('\n');
	return compose(locale, 'changed', { ...base(input), changes });
}

export function meetingCancelledMail(input: Common): MailContent {
	return compose(input.locale, 'cancelled', base(input));
}

export function reminderMail(input: Common & { days: number }): MailContent {
	return compose(input.locale, 'reminder', { ...base(input), days: input.days });
}

export function guestInvitationMail(
	input: Common & { inviterName: string; inviteLink: string; expiresAt: Date }
): MailContent {
	return compose(input.locale, 'guest', {
		...base(input),
		inviterName: input.inviterName,
		inviteLink: input.inviteLink,
		expiresAt: formatDeadline(input.expiresAt, input.locale)
	});
}

/** What the mails of a date poll say about it. */
export interface PollMailInput {
	locale: Locale;
	boardName: string;
	pollTitle: string;
	deadline: Date;
	/** Absolute link to the poll page. */
	link: string;
}

/** The invitation to a date poll: the proposed dates, one per line, and until when to answer. */
export function pollInvitationMail(input: PollMailInput & { slots: Date[] }): MailContent {
	const { locale } = input;
	const slots = input.slots.map((slot) => `– ${formatDeadline(slot, locale)}`).join('\n');
	return compose(locale, 'pollInvitation', {
		boardName: input.boardName,
		pollTitle: input.pollTitle,
		deadline: formatDeadline(input.deadline, locale),
		link: input.link,
		slots
	});
}

export function pollReminderMail(input: PollMailInput): MailContent {
	return compose(input.locale, 'pollReminder', {
		boardName: input.boardName,
		pollTitle: input.pollTitle,
		deadline: formatDeadline(input.deadline, input.locale),
		link: input.link
	});
}
