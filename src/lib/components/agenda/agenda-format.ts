import type { Locale } from '$lib/i18n';
import { TIME_ZONE } from '$lib/format';
import { dateTimeFormat } from '$lib/intl';

/** A time of day as the board experiences it (Europe/Berlin), e.g. "14:05". */
export function formatTime(value: Date | string, locale: Locale): string {
	return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

/** DOM id of an item's row; the agenda page moves focus back to it after a move. */
export const itemDomId = (itemId: string) => `agenda-item-${itemId}`;

type Part = 'public' | 'nonPublic';

/** The agenda's parts in meeting order (public first), leaving out a part without items. */
export function itemsByPart<T extends { part: Part }>(items: readonly T[]): { part: Part; items: T[] }[] {
	return (['public', 'nonPublic'] as const)
		.map((part) => ({ part, items: items.filter((item) => item.part === part) }))
		.filter((group) => group.items.length > 0);
}

/** Change records written before the parts existed kept bare numbers ("2.1"): they read as "TOP 2.1". */
export const recordedNumber = (number: string | undefined) =>
	number && /^\d/.test(number) ? `TOP ${number}` : (number ?? '');
