import type { Locale } from '$lib/i18n';
import { dateTimeFormat } from '$lib/intl';

/** Beirat's time zone: every date is shown as the board experiences it. */
export const TIME_ZONE = 'Europe/Berlin';

export function formatDate(value: Date | string, locale: Locale): string {
	return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
	return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

/** The calendar day `YYYY-MM-DD` of an instant in Berlin, as a `date` input expects it. */
export function berlinDay(value: Date | string | number): string {
	return dateTimeFormat('en-CA', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}
