// The standard items a new meeting's agenda starts with. They are put in when the meeting is created
// (directly or by fixing a poll's date), in the same transaction: loading an agenda never writes.
import { DEFAULT_LOCALE, isLocale, translate } from '$lib/i18n';
import type { Tx } from '../db/types';
import * as repo from './agenda.repository';
import type { AgendaItemFields } from './agenda.repository';

const STANDARD_ITEMS = [
	{ key: 'agenda.standard.opening', kind: 'information', minutes: 5 },
	{ key: 'agenda.standard.minutes', kind: 'decision', minutes: 5 },
	{ key: 'agenda.standard.other', kind: 'discussion', minutes: 10 }
] as const;

/**
 * Puts the standard items into the agenda of a meeting the caller (office, under RLS) has just created,
 * titled in the caller's language (their profile's, as the pages they see); once per meeting: false when
 * it was prefilled before or has items.
 */
export async function prefillStandardItems(tx: Tx, meetingId: string): Promise<boolean> {
	await repo.lockAgenda(tx, meetingId);
	if ((await repo.countItems(tx, meetingId)) > 0 || !(await repo.markPrefilled(tx, meetingId))) return false;
	const [profile] = await tx.query<{ locale: string | null }>(
		`select locale from public.profiles where user_id = (select auth.uid())`
	);
	const locale = isLocale(profile?.locale) ? profile.locale : DEFAULT_LOCALE;
	for (const item of STANDARD_ITEMS) {
		const fields: AgendaItemFields = {
			title: translate(locale, item.key),
			description: '',
			kind: item.kind,
			isPublic: true,
			presenterText: null,
			presenterUserId: null,
			plannedMinutes: item.minutes
		};
		await repo.insertItem(tx, { meetingId, isSubItem: false, fields, changed: false });
	}
	return true;
}
