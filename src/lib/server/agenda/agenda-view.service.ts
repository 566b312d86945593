import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { allowed } from '../boards/policy';
import { requireMeeting, type MeetingRef } from './agenda-context';
import type { AgendaItemView, AgendaPageData, AgendaPanelData } from '$lib/types/agenda.types';
import { planAgenda } from './agenda-plan';
import { listChanges } from './agenda-change.repository';
import * as participation from './agenda-participation.repository';
import type { ConflictRow } from './agenda-participation.repository';
import * as repo from './agenda.repository';
import { listBoardPapers, listItemPapers, type ItemPaperRow } from './agenda-paper.repository';
import type { AgendaMeeting } from './agenda.repository';
import { listMeetingFiles, type FileRow } from '../files/file.repository';

interface ViewInput {
	meeting: AgendaMeeting;
	items: repo.AgendaItemRow[];
	conflicts: ConflictRow[];
	papers: ItemPaperRow[];
	files: FileRow[];
	userId: string | null;
	oversight: boolean;
}

function itemViews(input: ViewInput): AgendaItemView[] {
	const active = input.conflicts.filter((c) => !c.withdrawnAt);
	return planAgenda(input.items, input.meeting.startsAt).map((item) => {
		const mine = active.find((c) => c.itemId === item.id && c.userId === input.userId);
		return {
			id: item.id,
			number: item.number,
			part: item.part,
			isSubItem: item.isSubItem,
			startsAt: item.startsAt,
			endsAt: item.endsAt,
			title: item.title,
			description: item.description,
			kind: item.kind,
			isPublic: item.isPublic,
			presenter: item.presenterName ?? item.presenterText,
			presenterText: item.presenterText,
			presenterUserId: item.presenterUserId,
			plannedMinutes: item.plannedMinutes,
			changed: Boolean(input.meeting.agendaPublishedAt && item.changedAt),
			myConflict: mine ? { reason: mine.reason, declaredAt: mine.declaredAt } : null,
			conflicts: input.oversight
				? active
						.filter((c) => c.itemId === item.id)
						.map(({ userId, displayName, reason, declaredAt }) => ({ userId, displayName, reason, declaredAt }))
				: [],
			papers: input.papers
				.filter((p) => p.itemId === item.id)
				.map(({ paperId, title, changedSinceBook }) => ({ paperId, title, changedSinceBook })),
			files: input.files
				.filter((f) => f.agendaItemId === item.id)
				.map((f) => ({ id: f.id, name: f.name, version: f.currentVersion, size: f.size }))
		};
	});
}

async function panel(tx: Tx, meeting: AgendaMeeting, userId: string | null): Promise<AgendaPanelData> {
	const oversight = allowed(meeting, 'agenda.oversee');
	const items = await repo.listItems(tx, meeting.id);
	const conflicts = userId && allowed(meeting, 'board.read') ? await participation.listConflicts(tx, meeting.id) : [];
	const papers = await listItemPapers(tx, meeting.id);
	const files = await listMeetingFiles(tx, meeting.id);
	const views = itemViews({ meeting, items, conflicts, papers, files, userId, oversight });
	return {
		meetingStartsAt: meeting.startsAt,
		plannedEnd: views.at(-1)?.endsAt ?? meeting.startsAt,
		publishedAt: meeting.agendaPublishedAt,
		items: views,
		canEdit: allowed(meeting, 'meetings.manage'),
		canDeclare: allowed(meeting, 'agenda.participate'),
		canSeeConflicts: oversight,
		changes: meeting.agendaPublishedAt ? await listChanges(tx, meeting.id) : []
	};
}

/** Read-only views of a meeting's agenda, always under the reader's RLS. */
export function createAgendaViewService(deps: { db: ScopedDb; userId: string | null }) {
	const { db, userId } = deps;
	return {
		panel: (ref: MeetingRef) => db.run(async (tx) => panel(tx, await requireMeeting(tx, ref), userId)),

		/** The same panel inside the caller's transaction (a page that reads all its parts in one). */
		panelIn: async (tx: Tx, ref: MeetingRef) => panel(tx, await requireMeeting(tx, ref), userId),

		/**
		 * The items alone, numbered as the panel numbers them, of a meeting the caller has just read in `tx`
		 * (so under the same RLS): the dashboard's short agenda, without the panel's conflicts, papers, files
		 * and changes, and without reading the meeting again.
		 */
		itemsIn: async (
			tx: Tx,
			meeting: { id: string; startsAt: Date }
		): Promise<Pick<AgendaItemView, 'id' | 'number' | 'title' | 'isSubItem' | 'isPublic'>[]> =>
			planAgenda(await repo.listItems(tx, meeting.id), meeting.startsAt).map(
				({ id, number, title, isSubItem, isPublic }) => ({ id, number, title, isSubItem, isPublic })
			),

		page: (ref: MeetingRef): Promise<AgendaPageData> =>
			db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				const office = allowed(meeting, 'meetings.manage');
				const full = allowed(meeting, 'board.read');
				return {
					...(await panel(tx, meeting, userId)),
					meeting: {
						id: meeting.id,
						title: meeting.title,
						startsAt: meeting.startsAt,
						endsAt: meeting.endsAt,
						location: meeting.location,
						proposalDeadline: meeting.proposalDeadline
					},
					canPropose: allowed(meeting, 'agenda.participate'),
					proposalsOpen: Date.now() <= new Date(meeting.proposalDeadline).getTime(),
					proposals: full ? await participation.listProposals(tx, meeting.id) : [],
					copySources:
						office && !meeting.agendaPublishedAt
							? await repo.listCopySources(tx, { boardId: meeting.boardId, meetingId: meeting.id })
							: [],
					presenters: office ? await repo.listPresenters(tx, meeting.boardId) : [],
					boardPapers: office ? await listBoardPapers(tx, meeting.boardId) : []
				};
			})
	};
}
