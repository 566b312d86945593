import type { Locale } from '$lib/i18n';
import { fill, type FillParams } from '$lib/i18n/fill';
import mailDe from '$lib/i18n/messages/mailagenda.de.json';
import mailEn from '$lib/i18n/messages/mailagenda.en.json';
import { formatDeadline, type MailContent } from './templates';

/** German is the reference catalog; `satisfies` makes a key missing in English a type error. */
export type AgendaMailKey = keyof typeof mailDe;
const catalogs: Record<Locale, Record<AgendaMailKey, string>> = {
	de: mailDe,
	en: mailEn satisfies Record<AgendaMailKey, string>
};

function text(locale: Locale, key: AgendaMailKey, params?: FillParams): string {
	return fill(catalogs[locale][key], params);
}

/** Subject lines are single header lines: titles typed by people must not smuggle in line breaks. */
function oneLine(value: string): string {
	return value.replace(/\s+/g, ' ').trim();
}

/** One changed item in a mail. */
export interface ChangeLine {
	action: 'add' | 'edit' | 'delete' | 'move';
	title: string;
	/** Number before the change ("2.1"), when the item existed. */
	before: string | null;
	/** Number after the change, when the item still exists. */
	after: string | null;
}

export function agendaChangedMail(input: {
	/** Language of the recipient. */
	locale: Locale;
	boardName: string;
	meetingTitle: string;
	startsAt: Date;
	/** What this one action changed. */
	lines: ChangeLine[];
	/** Absolute link to the agenda. */
	link: string;
}): MailContent {
	const { locale } = input;
	const lines = input.lines
		.map((line) =>
			text(locale, `mailagenda.line.${line.action}`, {
				title: oneLine(line.title),
				before: line.before ?? '',
				after: line.after ?? ''
			})
		)
		.join('\n');
	const body = text(locale, 'mailagenda.changed.body', {
		meetingTitle: input.meetingTitle,
		boardName: input.boardName,
		startsAt: formatDeadline(input.startsAt, locale),
		lines,
		link: input.link
	});
	return {
		subject: oneLine(text(locale, 'mailagenda.changed.subject', { meetingTitle: oneLine(input.meetingTitle) })),
		text: `${body}\n\n${text(locale, 'mailagenda.signature')}\n`
	};
}
