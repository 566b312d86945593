import type { Locale } from '$lib/i18n';
import { TIME_ZONE } from '$lib/format';

/** A time of day as the board experiences it (Europe/Berlin), e.g. "14:05". */
export function formatTime(value: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(new Date(value));
}

/** DOM id of an item's row; the agenda page moves focus back to it after a move. */
export const itemDomId = (itemId: string) => `agenda-item-${itemId}`;
