import { fill, type FillParams } from './fill';
import appDe from './messages/app.de.json';
import appEn from './messages/app.en.json';
import agendaDe from './messages/agenda.de.json';
import agendaEn from './messages/agenda.en.json';
import collabDe from './messages/collab.de.json';
import collabEn from './messages/collab.en.json';
import commentsDe from './messages/comments.de.json';
import commentsEn from './messages/comments.en.json';
import decisionsDe from './messages/decisions.de.json';
import decisionsEn from './messages/decisions.en.json';
import meetingsDe from './messages/meetings.de.json';
import meetingsEn from './messages/meetings.en.json';
import papersDe from './messages/papers.de.json';
import papersEn from './messages/papers.en.json';
import minutesDe from './messages/minutes.de.json';
import minutesEn from './messages/minutes.en.json';
import votesDe from './messages/votes.de.json';
import votesEn from './messages/votes.en.json';
import auditDe from './messages/audit.de.json';
import auditEn from './messages/audit.en.json';

import searchDe from './messages/search.de.json';
import searchEn from './messages/search.en.json';
import dashboardDe from './messages/dashboard.de.json';
import dashboardEn from './messages/dashboard.en.json';
import notificationsDe from './messages/notifications.de.json';
import notificationsEn from './messages/notifications.en.json';
import personalDataDe from './messages/personaldata.de.json';
import personalDataEn from './messages/personaldata.en.json';
import filesDe from './messages/files.de.json';
import filesEn from './messages/files.en.json';
export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';

// One message file per area and language (app = shell, sign-in, members); German is the reference.
const german = {
	...appDe,
	...meetingsDe,
	...agendaDe,
	...papersDe,
	...collabDe,
	...commentsDe,
	...decisionsDe,
	...votesDe,
	...minutesDe,
	...auditDe,
	...searchDe,
	...dashboardDe,
	...notificationsDe,
	...filesDe,
	...personalDataDe
};

/** Every key exists in German; the unit test holds English to it. */
export type MessageKey = keyof typeof german;
type Catalog = Record<MessageKey, string>;

const catalogs: Record<Locale, Catalog> = {
	de: german,
	en: {
		...appEn,
		...meetingsEn,
		...agendaEn,
		...papersEn,
		...collabEn,
		...commentsEn,
		...decisionsEn,
		...votesEn,
		...minutesEn,
		...auditEn,
		...searchEn,
		...dashboardEn,
		...notificationsEn,
		...filesEn,
		...personalDataEn
	} as Catalog
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A message in `locale` with `{name}` placeholders filled; an unknown key shows itself. */
export function translate(locale: Locale, key: MessageKey, params: FillParams = {}): string {
	return fill(catalogs[locale][key] ?? catalogs.de[key] ?? key, params, locale);
}
