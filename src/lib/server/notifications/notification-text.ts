import { translate, type Locale } from '$lib/i18n';
import type { NotificationKind, NotificationParams } from './notification-kinds';

/** The sentence for one notification in the reader's language (page and digest share it). */
export function notificationText(locale: Locale, kind: NotificationKind, params: NotificationParams): string {
	return translate(locale, `notifications.kind.${kind}`, {
		board: params.board,
		subject: params.subject,
		actor: params.actor ?? '',
		date: params.date ?? ''
	});
}
