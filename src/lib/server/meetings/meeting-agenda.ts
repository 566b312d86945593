import type { Locale } from '$lib/i18n';
import type { BoardRole } from '$lib/roles';
import type { Tx } from '../db/types';
import { rolesAllowed } from '../boards/policy';
import { planAgenda } from '../agenda/agenda-plan';
import { listItems } from '../agenda/agenda.repository';
import { agendaLines, type ListedItem } from '../mail/agenda-lines';

/**
 * The meeting's agenda as the transaction's reader may see it (RLS), numbered and timed by the one
 * agenda plan: mails and calendar files carry the same numbers and times as the agenda page.
 */
export async function plannedAgenda(tx: Tx, meeting: { id: string; startsAt: Date }): Promise<ListedItem[]> {
	const planned = planAgenda(await listItems(tx, meeting.id), meeting.startsAt);
	return planned.map(({ number, title, isSubItem, isPublic, startsAt }) => ({
		number,
		title,
		isSubItem,
		isPublic,
		startsAt
	}));
}

/**
 * What one person may read of an agenda the office loaded: everything for the board, the public part
 * for guests. The public part comes first in the plan, so its numbers and times stay the real ones.
 */
export function agendaFor(agenda: readonly ListedItem[], role: BoardRole): ListedItem[] {
	return rolesAllowed('board.read').includes(role) ? [...agenda] : agenda.filter((item) => item.isPublic);
}

/** The agenda for a calendar entry's description, or nothing when there is none yet. */
export function icsAgenda(locale: Locale, agenda: readonly ListedItem[]): string | undefined {
	return agenda.length ? agendaLines(locale, agenda) : undefined;
}
