import type { Locale } from '$lib/i18n';
import { TIME_ZONE } from '$lib/format';
import { dateTimeFormat } from '$lib/intl';
import mailDe from '$lib/i18n/messages/mailagenda.de.json';
import mailEn from '$lib/i18n/messages/mailagenda.en.json';

/** An agenda item as mails and calendar files list it: its real number and planned start. */
export interface ListedItem {
	number: string;
	title: string;
	isSubItem: boolean;
	isPublic: boolean;
	startsAt: Date;
}

const partLabels: Record<Locale, { public: string; nonPublic: string }> = {
	de: { public: mailDe['mailagenda.part.public'], nonPublic: mailDe['mailagenda.part.nonPublic'] },
	en: { public: mailEn['mailagenda.part.public'], nonPublic: mailEn['mailagenda.part.nonPublic'] }
};

const time = (value: Date) =>
	dateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(value);

/**
 * The agenda as plain text lines, in meeting order (public part first), each part under its heading:
 * "Ö 2.1  16:25  Title". Items are listed as given: a guest's list holds the public part only.
 */
export function agendaLines(locale: Locale, items: readonly ListedItem[]): string {
	const lines: string[] = [];
	let part: boolean | null = null;
	for (const item of items) {
		if (item.isPublic !== part) {
			part = item.isPublic;
			lines.push(partLabels[locale][part ? 'public' : 'nonPublic']);
		}
		const title = item.title.replace(/\s+/g, ' ').trim();
		lines.push(`${item.isSubItem ? '    ' : '  '}${item.number}  ${time(item.startsAt)}  ${title}`);
	}
	return lines.join('\n');
}
