import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { ServiceError } from '../errors';
import type { AgendaPanelData } from '$lib/types/agenda.types';
import { createAgendaViewService } from './agenda-view.service';

/**
 * The agenda panel of the meeting page (the meetings area calls this from its load). Everything is read
 * under the visitor's RLS: guests get only public items, nobody but the office and the chair gets
 * others' declarations of conflicts of interest.
 */
export async function loadAgendaPanel(locals: App.Locals, meeting: { id: string; boardId: string; startsAt: Date }): Promise<AgendaPanelData> {
	const views = createAgendaViewService({ db: locals.db, userId: locals.user?.userId ?? null });
	try {
		return await views.panel({ boardId: meeting.boardId, meetingId: meeting.id });
	} catch (cause) {
		if (cause instanceof ServiceError) error(cause.status, translate(locals.locale, cause.messageKey, cause.params));
		throw cause;
	}
}
