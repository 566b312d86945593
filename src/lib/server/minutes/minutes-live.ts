import type { JSONContent } from '@tiptap/core';
import { translate, type Locale } from '$lib/i18n';
import { formatTime } from '$lib/components/agenda/agenda-format';
import type { CheckinMode } from '$lib/types/live.types';
import { canonicalText, nodeText, sha256, splitSections } from './minutes-document';

// Minutes assistance (#19): what meeting mode recorded (meeting_live_log, meeting_checkins) as blocks of
// the minutes text. One function writes the blocks (`applyMeetingRecord`): the generated draft and the
// office's later "take over" use it alike, and every view, PDF and export reads the one paper document.
//
// A block is a blockquote whose first paragraph starts with the marker "Aus dem Sitzungsmodus:" (or the
// English one): the attendance block under the attendance heading, and one block right under each agenda
// item's heading that meeting mode called. Taking over again replaces these blocks only, and each only while
// its text is still what was written there (its SHA-256 is kept in minutes_record_blocks): a block people
// edited stays as they typed it, like every other node of the document.

export type LogKind = 'started' | 'ended' | 'item_started' | 'item_ended' | 'arrived' | 'left';

export interface RecordLogEntry {
	at: Date;
	kind: LogKind;
	itemId: string | null;
	userId: string | null;
}

export interface RecordPerson {
	userId: string;
	name: string;
}

export interface RecordCheckin extends RecordPerson {
	/** The last mode the person was checked in with. */
	mode: CheckinMode;
}

export type AttendanceChange = { kind: 'late' | 'left' | 'returned'; at: Date };

export interface MeetingRecord {
	/** First start and last end of each item meeting mode called (end null while it still runs). */
	items: Map<string, { startedAt: Date; endedAt: Date | null }>;
	/** Everyone who checked in, by their last mode, with late arrival, departures and returns. */
	present: { name: string; mode: CheckinMode; changes: AttendanceChange[] }[];
	/** Expected people who never checked in. */
	absent: string[];
}

const byName = (a: string, b: string) => a.localeCompare(b, 'de');

/**
 * The record of a meeting from its log: an item's first start and last end (an item called twice shows
 * both ends of its span); a late arrival is a first check-in after the first item started.
 */
export function assembleMeetingRecord(input: {
	log: RecordLogEntry[];
	expected: RecordPerson[];
	checkins: RecordCheckin[];
}): MeetingRecord {
	const log = [...input.log].sort((a, b) => a.at.getTime() - b.at.getTime());
	const items = new Map<string, { startedAt: Date; endedAt: Date | null }>();
	for (const entry of log) {
		if (!entry.itemId) continue;
		const times = items.get(entry.itemId);
		if (entry.kind === 'item_started') {
			if (!times) items.set(entry.itemId, { startedAt: entry.at, endedAt: null });
			// Called again: open until it ends again.
			else times.endedAt = null;
		} else if (entry.kind === 'item_ended' && times) times.endedAt = entry.at;
	}
	const firstItem = log.find((e) => e.kind === 'item_started')?.at ?? null;
	const changes = new Map<string, AttendanceChange[]>();
	const inside = new Set<string>();
	const came = new Set<string>();
	for (const entry of log) {
		if (!entry.userId || (entry.kind !== 'arrived' && entry.kind !== 'left')) continue;
		const list = changes.get(entry.userId) ?? [];
		changes.set(entry.userId, list);
		if (entry.kind === 'arrived') {
			// A second arrival while inside is a change of mode.
			if (inside.has(entry.userId)) continue;
			inside.add(entry.userId);
			if (came.has(entry.userId)) list.push({ kind: 'returned', at: entry.at });
			else if (firstItem && entry.at.getTime() > firstItem.getTime()) list.push({ kind: 'late', at: entry.at });
			came.add(entry.userId);
		} else if (inside.delete(entry.userId)) list.push({ kind: 'left', at: entry.at });
	}
	const checkedIn = new Set(input.checkins.map((c) => c.userId));
	return {
		items,
		present: input.checkins
			.map((c) => ({ name: c.name, mode: c.mode, changes: changes.get(c.userId) ?? [] }))
			.sort((a, b) => byName(a.name, b.name)),
		absent: input.expected
			.filter((p) => !checkedIn.has(p.userId))
			.map((p) => p.name)
			.sort(byName)
	};
}

const MARKER_KEY = 'minutes.doc.live.marker' as const;
/** The markers of both languages: a draft generated in German is still recognised by an English take-over. */
const MARKERS = (['de', 'en'] as const).map((locale) => `${translate(locale, MARKER_KEY)}:`);
const ATTENDANCE_HEADINGS = (['de', 'en'] as const).map((locale) => translate(locale, 'minutes.doc.attendance'));

const paragraph = (value: string): JSONContent => ({
	type: 'paragraph',
	content: value ? [{ type: 'text', text: value }] : []
});
const quote = (lines: string[]): JSONContent => ({ type: 'blockquote', content: lines.map(paragraph) });

/** Whether a top-level node is a block meeting mode wrote. */
export function isRecordBlock(node: JSONContent): boolean {
	if (node.type !== 'blockquote') return false;
	const first = node.content?.[0];
	if (first?.type !== 'paragraph') return false;
	const text = nodeText(first).trim();
	return MARKERS.some((marker) => text.startsWith(marker));
}

/** The blocks' text in `locale`, times of day in Berlin ("18:05"), summer or winter time. */
export function recordBlocks(
	record: MeetingRecord,
	locale: Locale
): { attendance: JSONContent; item: (itemId: string) => JSONContent | null } {
	const m = (key: Parameters<typeof translate>[1], params = {}) => translate(locale, key, params);
	const time = (at: Date) => formatTime(at, locale);
	const marker = `${m(MARKER_KEY)}:`;
	const nobody = m('minutes.doc.nobody');
	const change = (c: AttendanceChange) =>
		m(
			c.kind === 'late'
				? 'minutes.doc.live.late'
				: c.kind === 'left'
					? 'minutes.doc.live.left'
					: 'minutes.doc.live.returned',
			{ time: time(c.at) }
		);
	const names = (mode: CheckinMode) => {
		const list = record.present
			.filter((p) => p.mode === mode)
			.map((p) => (p.changes.length ? `${p.name} (${p.changes.map(change).join(', ')})` : p.name));
		return list.length ? list.join(', ') : nobody;
	};
	return {
		attendance: quote([
			marker,
			`${m('minutes.doc.live.room')}: ${names('room')}`,
			`${m('minutes.doc.live.online')}: ${names('online')}`,
			`${m('minutes.doc.absent')}: ${record.absent.length ? record.absent.join(', ') : nobody}`
		]),
		item: (itemId) => {
			const times = record.items.get(itemId);
			if (!times) return null;
			const parts = [m('minutes.doc.live.started', { time: time(times.startedAt) })];
			if (times.endedAt) parts.push(m('minutes.doc.live.ended', { time: time(times.endedAt) }));
			return quote([`${marker} ${parts.join(', ')}`]);
		}
	};
}

/** The key a block is remembered by: 'attendance' for the head, else the section's agenda item. */
export const ATTENDANCE_KEY = 'attendance';

/** The SHA-256 of a block's text (marks such as a comment's anchor do not count as an edit). */
export const blockHash = (node: JSONContent) => sha256(canonicalText({ type: 'doc', content: [node] }));

/**
 * The document with meeting mode's blocks in place: an existing block is replaced where it stands (or
 * removed when there is nothing to say any more), a missing one is inserted under its heading. `numbers`
 * maps each section number ("Ö 1") to its agenda item; a section of no item is left alone. `written` holds
 * the hash of each block as last written: a block whose text differs from it was edited and is kept.
 * Returns the new document, the hashes to remember now, and the keys of the edited blocks kept.
 * Nothing else changes, so applying it twice is applying it once.
 */
export function applyMeetingRecord(
	doc: JSONContent,
	blocks: { attendance: JSONContent; item: (itemId: string) => JSONContent | null },
	numbers: Map<string, string>,
	written: Map<string, string> = new Map()
): { doc: JSONContent; written: Map<string, string>; kept: string[] } {
	const content: JSONContent[] = [];
	const remembered = new Map<string, string>();
	const kept: string[] = [];
	for (const section of splitSections(doc)) {
		const nodes = [...section.nodes];
		const key = section.number === null ? ATTENDANCE_KEY : numbers.get(section.number);
		if (key) {
			const block = key === ATTENDANCE_KEY ? blocks.attendance : blocks.item(key);
			// Only the first block of a section is meeting mode's; a copy pasted further down is people's text.
			const at = nodes.findIndex(isRecordBlock);
			if (at >= 0 && written.get(key) !== blockHash(nodes[at]!)) {
				kept.push(key);
				const before = written.get(key);
				if (before) remembered.set(key, before);
			} else if (at >= 0) {
				if (block) nodes[at] = block;
				else nodes.splice(at, 1);
			} else if (block) nodes.splice(insertAt(section.number, nodes), 0, block);
			if (block && !kept.includes(key)) remembered.set(key, blockHash(block));
		}
		content.push(...nodes);
	}
	return { doc: { ...doc, content }, written: remembered, kept };
}

/** Right under the section heading; in the head, right under the attendance heading (else at its end). */
function insertAt(number: string | null, nodes: JSONContent[]): number {
	if (number !== null) return 1;
	const heading = nodes.findIndex(
		(n) => n.type === 'heading' && n.attrs?.level === 2 && ATTENDANCE_HEADINGS.includes(nodeText(n).trim())
	);
	return heading >= 0 ? heading + 1 : nodes.length;
}
