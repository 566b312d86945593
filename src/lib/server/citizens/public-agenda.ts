import { planAgenda } from '../agenda/agenda-plan';
import type { PublicAgendaItem, PublicFile } from '$lib/types/citizens.types';
import type { PublicItemRow } from './citizens.repository';

/**
 * A meeting's public agenda numbered and timed by the one agenda plan. Anon reads the public items only, and the
 * public part comes first in every meeting's plan, so these are the real numbers ("Ö 1", "Ö 1.1") and the
 * real planned times that members and guests read. Rows that are not public (there are none under anon's
 * policies) are dropped all the same, so the page can never show them.
 */
export function publicAgenda(input: {
	items: readonly PublicItemRow[];
	startsAt: Date;
	files?: readonly (PublicFile & { itemId: string })[];
}): PublicAgendaItem[] {
	const items = input.items.filter((item) => item.isPublic);
	return planAgenda(items, new Date(input.startsAt)).map((item) => ({
		id: item.id,
		number: item.number,
		isSubItem: item.isSubItem,
		title: item.title,
		description: item.description,
		kind: item.kind,
		presenter: item.presenterText,
		plannedMinutes: item.plannedMinutes,
		startsAt: item.startsAt,
		endsAt: item.endsAt,
		files: (input.files ?? [])
			.filter((file) => file.itemId === item.id)
			.map(({ id, name, size, contentType }) => ({ id, name, size, contentType }))
	}));
}
