import { citizenPath, oparlPath } from '$lib/public/links';
import { planAgenda } from '../agenda/agenda-plan';
import type { ConsultationRow, DecisionRow, FileRow, ItemRow, MeetingRow, PaperRow } from './oparl-load.repository';
import { bodyUrl, compact, consultation, de, file, iso, location, stamps, url } from './oparl.serialize';
import type { OparlObject, SerializeContext } from './oparl.serialize';
import { typeUri } from './oparl.types';

// Meetings with their public agenda, and papers: the objects that embed others (oparl.serialize.ts has the rest).

/** What an item's meeting brings along: its agenda (for number, order and times) and what hangs on items. */
export interface AgendaContext {
	meeting: MeetingRow;
	items: ItemRow[];
	decisions: DecisionRow[];
	consultations: ConsultationRow[];
	files: FileRow[];
}

const RESULT: Record<string, string> = { adopted: 'adopted', implemented: 'implemented' };

/** The public agenda of a meeting, numbered and timed as everywhere else (agenda-plan.ts). */
export function agendaItems(ctx: SerializeContext, agenda: AgendaContext): OparlObject[] {
	const planned = planAgenda(
		agenda.items.map((item) => ({
			...item,
			isSubItem: item.is_sub_item,
			isPublic: true,
			plannedMinutes: item.planned_minutes
		})),
		agenda.meeting.starts_at
	);
	return planned.map((item, order) => {
		const decisions = agenda.decisions.filter((d) => d.agenda_item_id === item.id);
		const consultations = agenda.consultations.filter((c) => c.item_id === item.id);
		const files = agenda.files.filter((f) => f.agenda_item_id === item.id);
		return compact({
			id: url(ctx, oparlPath.agendaItem(item.id)),
			type: typeUri('agendaitem'),
			meeting: url(ctx, oparlPath.meeting(agenda.meeting.id)),
			number: item.number,
			order,
			name: item.title,
			public: true,
			consultation: consultations[0] ? url(ctx, oparlPath.consultation(consultations[0].id)) : undefined,
			result: decisions.map((d) => de(`decisions.status.${RESULT[d.status] ?? 'adopted'}`)).join('; '),
			resolutionText: decisions.map((d) => `${d.number} ${d.title}\n\n${d.resolution}`).join('\n\n'),
			auxiliaryFile: ctx.omitInternal ? undefined : files.map((f) => file(ctx, f, true)),
			start: iso(item.startsAt),
			end: iso(item.endsAt),
			web: url(ctx, citizenPath.agendaItem(agenda.meeting.slug, agenda.meeting.id, item.id)),
			...stamps(item, agenda.meeting.o_created ?? agenda.meeting.starts_at)
		});
	});
}

const MEETING_STATE: Record<string, string> = {
	planned: 'terminiert',
	invited: 'eingeladen',
	held: 'durchgeführt',
	minutes_approved: 'durchgeführt'
};

export function meeting(ctx: SerializeContext, agenda: AgendaContext): OparlObject {
	const m = agenda.meeting;
	return compact({
		id: url(ctx, oparlPath.meeting(m.id)),
		type: typeUri('meeting'),
		name: m.title,
		meetingState: MEETING_STATE[m.status],
		cancelled: false,
		start: iso(m.starts_at),
		end: iso(m.ends_at),
		location: m.location && !ctx.omitInternal ? location(ctx, m, true) : undefined,
		organization: [url(ctx, oparlPath.organization(m.board_id))],
		agendaItem: ctx.omitInternal ? undefined : agendaItems(ctx, agenda),
		web: url(ctx, citizenPath.meeting(m.slug, m.id)),
		...stamps(m, m.starts_at)
	});
}

export function paper(
	ctx: SerializeContext,
	row: PaperRow,
	related: { mainFile?: FileRow; consultations: ConsultationRow[] }
): OparlObject {
	const created = row.o_created ?? new Date(`${row.published_on}T00:00:00Z`);
	return compact({
		id: url(ctx, oparlPath.paper(row.id)),
		type: typeUri('paper'),
		body: bodyUrl(ctx),
		name: row.title,
		date: row.published_on,
		paperType: 'Strategiepapier',
		mainFile: related.mainFile && !ctx.omitInternal ? file(ctx, related.mainFile, true) : undefined,
		consultation: ctx.omitInternal ? undefined : related.consultations.map((c) => consultation(ctx, c, created)),
		keyword: row.tags,
		web: url(ctx, citizenPath.paper(row.slug, row.id)),
		created: iso(created),
		modified: iso(row.o_changed ?? created)
	});
}
