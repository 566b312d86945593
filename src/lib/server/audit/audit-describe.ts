import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { formatDateTime } from '$lib/format';
import { isUuid } from '../common.schema';
import type { AuditChange, AuditEvent, AuditRow } from '$lib/types/audit.types';

/** Columns that hold a person's id: shown as the person's name. */
const PERSON_FIELDS = new Set([
	'user_id',
	'created_by',
	'recorded_by',
	'approved_by',
	'decided_by',
	'invited_by',
	'presenter_user_id',
	'owner_id',
	'uploaded_by',
	'published_by'
]);
/** Columns not worth showing in the details (ids and keys the object column already names). */
const HIDDEN_FIELDS = new Set(['id', 'board_id', 'meeting_id', 'paper_id']);
/** Fields shown first (the ones that name the object), the rest alphabetically. */
const FIRST_FIELDS = [
	'title',
	'name',
	'number',
	'motion',
	'user_id',
	'role',
	'access',
	'status',
	'starts_at',
	'ends_at',
	'location'
];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Every person id an entry mentions, for one name lookup per page. */
export function personIds(events: readonly AuditEvent[]): string[] {
	const ids = new Set<string>();
	for (const event of events) {
		for (const id of [event.actorId, event.subjectUserId]) if (id) ids.add(id);
		for (const values of [event.before, event.after])
			for (const [key, value] of Object.entries(values ?? {}))
				if (PERSON_FIELDS.has(key) && isUuid(value)) ids.add(value);
	}
	return [...ids];
}

const tr = (locale: Locale, key: string, params?: Record<string, string | number>) =>
	translate(locale, key as MessageKey, params);

/** A message if the catalog has it, else null (field names without a label show as they are). */
function optional(locale: Locale, key: string): string | null {
	const text = tr(locale, key);
	return text === key ? null : text;
}

/** The special names of some changes ("Tagesordnung veröffentlicht", "Abstimmung geschlossen"), else table + operation. */
export function actionKey(event: AuditEvent): string {
	const after = event.after ?? {};
	const before = event.before ?? {};
	if (event.operation === 'update') {
		if (event.tableName === 'meetings' && 'agenda_published_at' in after)
			return after.agenda_published_at ? 'audit.action.agendaPublished' : 'audit.action.agendaWithdrawn';
		if (event.tableName === 'minutes' && 'status' in after) return 'audit.action.minutesStatus';
		if (event.tableName === 'votes' && before.status === 'open' && 'status' in after) return 'audit.action.voteClosed';
		if (event.tableName === 'memberships' && 'role' in after) return 'audit.action.roleChanged';
		if (event.tableName === 'memberships' && after.active === false) return 'audit.action.memberDeactivated';
	}
	if (event.tableName === 'decision_entries' && event.operation === 'insert' && after.change !== 'recorded')
		return 'audit.action.decisionRevised';
	return `audit.action.${event.tableName}.${event.operation}`;
}

function personName(locale: Locale, names: Map<string, string>, id: string | null): string {
	if (!id) return tr(locale, 'audit.person.system');
	return names.get(id) ?? tr(locale, 'audit.person.former');
}

function valueText(locale: Locale, names: Map<string, string>, field: string, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (PERSON_FIELDS.has(field) && typeof value === 'string') return personName(locale, names, value);
	if (typeof value === 'boolean') return tr(locale, value ? 'audit.value.yes' : 'audit.value.no');
	if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
	if (typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)))
		return formatDateTime(value, locale);
	if (typeof value === 'string') return optional(locale, `audit.value.${field}.${value}`) ?? value;
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function changesOf(locale: Locale, names: Map<string, string>, event: AuditEvent): AuditChange[] {
	const before = event.before ?? {};
	const after = event.after ?? {};
	const rank = (field: string) => (FIRST_FIELDS.includes(field) ? FIRST_FIELDS.indexOf(field) : FIRST_FIELDS.length);
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
		.filter((f) => !HIDDEN_FIELDS.has(f))
		.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
	return fields
		.map((field) => ({
			field: optional(locale, `audit.field.${field}`) ?? field,
			before: valueText(locale, names, field, before[field]),
			after: valueText(locale, names, field, after[field])
		}))
		.filter((change) => change.before !== '' || change.after !== '');
}

function objectText(locale: Locale, names: Map<string, string>, event: AuditEvent): string {
	const kind = tr(locale, `audit.kind.${event.tableName}`);
	const person = event.subjectUserId ? personName(locale, names, event.subjectUserId) : null;
	const label = [event.objectLabel, person].filter(Boolean).join(' – ');
	return label ? `${kind}: ${label}` : kind;
}

/** An entry in the reader's language: Berlin time, names resolved now (removed people pseudonymised). */
export function describeEvent(locale: Locale, names: Map<string, string>, event: AuditEvent): AuditRow {
	const system = event.actorKind === 'system';
	return {
		id: event.id,
		occurredAt: formatDateTime(event.occurredAt, locale),
		boardName: event.boardName,
		person: system
			? tr(locale, event.actorTask ? 'audit.person.systemTask' : 'audit.person.system', { task: event.actorTask ?? '' })
			: personName(locale, names, event.actorId),
		action: tr(locale, actionKey(event)),
		object: objectText(locale, names, event),
		changes: changesOf(locale, names, event)
	};
}
