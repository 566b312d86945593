import type { Tx } from '../db/types';
import { ServiceError } from '../errors';
import { isUuid, type FormTokenInput } from '../common.schema';
import {
	ITEM_DESCRIPTION_MAX,
	ITEM_MINUTES_MAX,
	ITEM_PRESENTER_MAX,
	ITEM_TITLE_MAX,
	type ItemForm
} from './agenda.schema';
import {
	itemNotFound,
	meetingNotFound,
	requireMeeting,
	requireOffice,
	type AgendaServiceDeps,
	type MeetingRef
} from './agenda-context';
import {
	groupByPart,
	inPart,
	moveBefore,
	moveStep,
	planAgenda,
	setLevel,
	type OrderEntry,
	type PartEntry
} from './agenda-plan';
import { recordChanges, sendNotice, type ChangeNote, type PendingNotice } from './agenda-notify';
import type { ItemSnapshot } from '$lib/types/agenda.types';
import * as repo from './agenda.repository';
import type { AgendaItemFields, AgendaItemRow, AgendaMeeting } from './agenda.repository';

export function fieldsFromForm(form: ItemForm): AgendaItemFields {
	return {
		title: form.title,
		description: form.description,
		kind: form.kind,
		isPublic: !form.confidential,
		presenterText: form.presenterText,
		presenterUserId: form.presenterUserId || null,
		plannedMinutes: form.plannedMinutes
	};
}

/** The same limits as the form and the table: callers other than the form get a clear refusal too. */
function checkFields(fields: AgendaItemFields): AgendaItemFields {
	const title = fields.title.trim();
	if (!title) throw new ServiceError(400, 'agenda.error.titleMissing');
	if (title.length > ITEM_TITLE_MAX)
		throw new ServiceError(400, 'agenda.error.titleTooLong', { count: ITEM_TITLE_MAX });
	if (fields.description.length > ITEM_DESCRIPTION_MAX)
		throw new ServiceError(400, 'agenda.error.descriptionTooLong', { count: ITEM_DESCRIPTION_MAX });
	if ((fields.presenterText?.length ?? 0) > ITEM_PRESENTER_MAX)
		throw new ServiceError(400, 'agenda.error.presenterTooLong', { count: ITEM_PRESENTER_MAX });
	if (!Number.isInteger(fields.plannedMinutes) || fields.plannedMinutes < 0 || fields.plannedMinutes > ITEM_MINUTES_MAX)
		throw new ServiceError(400, 'agenda.error.minutes');
	return { ...fields, title };
}

type Planned = ReturnType<typeof planAgenda<AgendaItemRow>>[number];

function snapshot(item: Planned, full = true): ItemSnapshot {
	const base = { number: item.number, title: item.title, isPublic: item.isPublic };
	if (!full) return base;
	return {
		...base,
		description: item.description,
		kind: item.kind,
		plannedMinutes: item.plannedMinutes,
		presenter: item.presenterName ?? item.presenterText
	};
}

export function createAgendaService(deps: AgendaServiceDeps) {
	const { db, mailer, origin } = deps;

	async function plan(tx: Tx, meeting: AgendaMeeting) {
		return planAgenda(await repo.listItems(tx, meeting.id), meeting.startsAt);
	}

	/** One office action in one transaction under the agenda lock; mails go out after commit. */
	async function officeAction(
		ref: MeetingRef,
		fn: (tx: Tx, meeting: AgendaMeeting) => Promise<ChangeNote[]>
	): Promise<void> {
		const notice: PendingNotice | null = await db.run(async (tx) => {
			const meeting = await requireMeeting(tx, ref);
			requireOffice(meeting);
			await repo.lockAgenda(tx, meeting.id);
			const notes = await fn(tx, meeting);
			return recordChanges(tx, meeting, notes);
		});
		await sendNotice({ mailer, origin, notice });
	}

	async function requireItem(tx: Tx, meeting: AgendaMeeting, itemId: string): Promise<Planned> {
		const item = isUuid(itemId) ? (await plan(tx, meeting)).find((row) => row.id === itemId) : undefined;
		if (!item) throw itemNotFound();
		return item;
	}

	/** Rewrites the order and notes the moved item's number before and after. */
	async function applyOrder(
		tx: Tx,
		meeting: AgendaMeeting,
		input: { itemId: string; order: OrderEntry[] | null }
	): Promise<ChangeNote[]> {
		if (!input.order) throw new ServiceError(400, 'agenda.error.cannotMove');
		const before = await plan(tx, meeting);
		const published = Boolean(meeting.agendaPublishedAt);
		const written = await repo.writeOrder(tx, {
			meetingId: meeting.id,
			order: input.order,
			changedIds: published ? [input.itemId] : []
		});
		if (written !== before.length || input.order.length !== before.length)
			throw new ServiceError(409, 'agenda.error.orderMismatch');
		const after = await plan(tx, meeting);
		const old = before.find((row) => row.id === input.itemId)!;
		const now = after.find((row) => row.id === input.itemId)!;
		if (old.number === now.number) return [];
		return [{ itemId: input.itemId, action: 'move', before: snapshot(old, false), after: snapshot(now, false) }];
	}

	const orderOf = (rows: Planned[]): PartEntry[] =>
		rows.map((row) => ({ id: row.id, isSubItem: row.isSubItem, isPublic: row.isPublic }));

	return {
		/** Adds an item; the same form token again returns the item it added, and nobody hears of it twice. */
		async addItem(
			ref: MeetingRef,
			input: { fields: AgendaItemFields; isSubItem: boolean } & FormTokenInput
		): Promise<string> {
			let id = '';
			const fields = checkFields(input.fields);
			await officeAction(ref, async (tx, meeting) => {
				const count = await repo.countItems(tx, meeting.id);
				const isSubItem = input.isSubItem && count > 0;
				const written = await repo.insertItem(tx, {
					meetingId: meeting.id,
					isSubItem,
					fields,
					changed: Boolean(meeting.agendaPublishedAt),
					formToken: input.formToken
				});
				id = written.id;
				if (!written.created) return [];
				const added = (await plan(tx, meeting)).find((row) => row.id === id)!;
				return [{ itemId: id, action: 'add', before: null, after: snapshot(added) }];
			});
			return id;
		},

		async updateItem(ref: MeetingRef, input: { itemId: string; fields: AgendaItemFields }): Promise<void> {
			const fields = checkFields(input.fields);
			await officeAction(ref, async (tx, meeting) => {
				const old = await requireItem(tx, meeting, input.itemId);
				await repo.updateItem(tx, {
					meetingId: meeting.id,
					itemId: old.id,
					fields,
					changed: Boolean(meeting.agendaPublishedAt)
				});
				const now = await requireItem(tx, meeting, old.id);
				return [{ itemId: old.id, action: 'edit', before: snapshot(old), after: snapshot(now) }];
			});
		},

		async deleteItem(ref: MeetingRef, itemId: string): Promise<void> {
			await officeAction(ref, async (tx, meeting) => {
				const old = await requireItem(tx, meeting, itemId);
				await repo.deleteItem(tx, { meetingId: meeting.id, itemId: old.id });
				// Close the gap, and keep each part's first item top-level if a sub-item moved up to it.
				const rest = await plan(tx, meeting);
				await repo.writeOrder(tx, { meetingId: meeting.id, order: groupByPart(orderOf(rest)) });
				return [{ itemId: old.id, action: 'delete', before: snapshot(old), after: null }];
			});
		},

		async moveStep(ref: MeetingRef, input: { itemId: string; direction: 'up' | 'down' }): Promise<void> {
			await officeAction(ref, async (tx, meeting) => {
				const item = await requireItem(tx, meeting, input.itemId);
				const order = orderOf(await plan(tx, meeting));
				return applyOrder(tx, meeting, {
					itemId: item.id,
					order: inPart(order, item.id, (part) => moveStep(part, item.id, input.direction))
				});
			});
		},

		async moveBefore(ref: MeetingRef, input: { itemId: string; beforeId: string | null }): Promise<void> {
			await officeAction(ref, async (tx, meeting) => {
				const item = await requireItem(tx, meeting, input.itemId);
				if (input.beforeId) await requireItem(tx, meeting, input.beforeId);
				const order = orderOf(await plan(tx, meeting));
				return applyOrder(tx, meeting, {
					itemId: item.id,
					order: inPart(order, item.id, (part) => moveBefore(part, item.id, input.beforeId))
				});
			});
		},

		async setLevel(ref: MeetingRef, input: { itemId: string; isSubItem: boolean }): Promise<void> {
			await officeAction(ref, async (tx, meeting) => {
				const item = await requireItem(tx, meeting, input.itemId);
				const order = orderOf(await plan(tx, meeting));
				return applyOrder(tx, meeting, {
					itemId: item.id,
					order: inPart(order, item.id, (part) => setLevel(part, item.id, input.isSubItem))
				});
			});
		},

		/** A whole new order (every item exactly once). */
		async reorder(ref: MeetingRef, order: OrderEntry[]): Promise<void> {
			await officeAction(ref, async (tx, meeting) => {
				const current = await plan(tx, meeting);
				const ids = new Set(order.map((entry) => entry.id));
				if (ids.size !== order.length || order.length !== current.length || current.some((row) => !ids.has(row.id))) {
					throw new ServiceError(400, 'agenda.error.orderMismatch');
				}
				const notes: ChangeNote[] = [];
				const partOf = new Map(current.map((row) => [row.id, row.isPublic]));
				await repo.writeOrder(tx, {
					meetingId: meeting.id,
					order: groupByPart(order.map((e) => ({ ...e, isPublic: partOf.get(e.id)! })))
				});
				const after = await plan(tx, meeting);
				for (const now of after) {
					const old = current.find((row) => row.id === now.id)!;
					if (old.number !== now.number)
						notes.push({ itemId: now.id, action: 'move', before: snapshot(old, false), after: snapshot(now, false) });
				}
				if (meeting.agendaPublishedAt)
					await repo.writeOrder(tx, {
						meetingId: meeting.id,
						order: orderOf(after),
						changedIds: notes.map((n) => n.itemId)
					});
				return notes;
			});
		},

		async publish(ref: MeetingRef): Promise<void> {
			await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				requireOffice(meeting);
				if (meeting.agendaPublishedAt) throw new ServiceError(409, 'agenda.error.alreadyPublished');
				if ((await repo.countItems(tx, meeting.id)) === 0) throw new ServiceError(400, 'agenda.error.emptyAgenda');
				await repo.publish(tx, meeting.id);
			});
		},

		/** Replaces the (unpublished) agenda with a copy of another meeting's agenda of the same board. */
		async copyFrom(ref: MeetingRef, sourceMeetingId: string): Promise<number> {
			let copied = 0;
			await officeAction(ref, async (tx, meeting) => {
				if (meeting.agendaPublishedAt) throw new ServiceError(409, 'agenda.error.copyAfterPublish');
				const source = isUuid(sourceMeetingId) ? await repo.findMeeting(tx, sourceMeetingId) : null;
				if (!source || source.boardId !== meeting.boardId || source.id === meeting.id) throw meetingNotFound();
				const items = await repo.listItems(tx, source.id);
				if (items.length === 0) throw new ServiceError(400, 'agenda.error.emptySource');
				await repo.deleteAllItems(tx, meeting.id);
				for (const item of items)
					await repo.insertItem(tx, { meetingId: meeting.id, isSubItem: item.isSubItem, fields: item, changed: false });
				await repo.markPrefilled(tx, meeting.id);
				copied = items.length;
				return [];
			});
			return copied;
		}
	};
}

export type AgendaService = ReturnType<typeof createAgendaService>;
