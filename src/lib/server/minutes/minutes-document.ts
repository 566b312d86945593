import type { JSONContent } from '@tiptap/core';
import { createHash } from 'node:crypto';
import { numberAgenda } from '../agenda/agenda-plan';

// The minutes text is an ordinary paper document (baseExtensions schema only): sections are level-2
// headings "Ö n: title" / "N n: title" (minutes written before the parts existed: "TOP n: title"), a decision is a level-3 heading "Beschluss"/"Decision" followed by its text.

export interface MinutesItem {
	id: string;
	title: string;
	isSubItem: boolean;
	kind: 'information' | 'discussion' | 'decision';
	isPublic: boolean;
	presenter: string | null;
}

export interface NumberedItem extends MinutesItem {
	number: string;
}

export interface MinutesLabels {
	title: string;
	date: string;
	attendance: string;
	present: string;
	absent: string;
	nobody: string;
	presenter: string;
	notes: string;
	decision: string;
}

/** The agenda's own numbering and order (public part first, "Ö 2.1" / "N 1"), as on the agenda page. */
export function numberItems(items: MinutesItem[]): NumberedItem[] {
	return numberAgenda(items).map(({ id, title, isSubItem, kind, isPublic, presenter, number }) => ({
		id,
		title,
		isSubItem,
		kind,
		isPublic,
		presenter,
		number
	}));
}

const text = (value: string): JSONContent[] => (value ? [{ type: 'text', text: value }] : []);
const heading = (level: number, value: string): JSONContent => ({
	type: 'heading',
	attrs: { level },
	content: text(value)
});
const paragraph = (value = ''): JSONContent => ({ type: 'paragraph', content: text(value) });

export function buildMinutesDocument(input: {
	labels: MinutesLabels;
	present: string[];
	absent: string[];
	items: NumberedItem[];
	/** The result line of each decision item whose result was recorded in the meeting, by item id. */
	results?: Map<string, string>;
	/** Meeting mode recorded the attendance: its block (minutes-live.ts) stands under the heading instead. */
	attendanceFromMeetingMode?: boolean;
}): JSONContent {
	const { labels } = input;
	const names = (list: string[]) => (list.length ? list.join(', ') : labels.nobody);
	const content: JSONContent[] = [heading(1, labels.title), paragraph(labels.date), heading(2, labels.attendance)];
	if (!input.attendanceFromMeetingMode)
		content.push(
			paragraph(`${labels.present}: ${names(input.present)}`),
			paragraph(`${labels.absent}: ${names(input.absent)}`)
		);
	for (const item of input.items) {
		content.push(heading(2, `${item.number}: ${item.title}`));
		if (item.presenter) content.push(paragraph(`${labels.presenter}: ${item.presenter}`));
		content.push(paragraph(labels.notes));
		// The result stands before the decision heading: everything under that heading is the decision's text.
		const result = item.kind === 'decision' ? input.results?.get(item.id) : undefined;
		if (result) content.push(paragraph(result));
		if (item.kind === 'decision') content.push(heading(3, labels.decision), paragraph());
	}
	return { type: 'doc', content };
}

export function nodeText(node: JSONContent): string {
	if (node.type === 'text') return node.text ?? '';
	if (node.type === 'hardBreak') return '\n';
	return (node.content ?? []).map(nodeText).join('');
}

/** "Ö 1", "N 2.1", and "TOP 3" of minutes generated before the parts existed (approved texts stay readable). */
const SECTION = /^((?:TOP|Ö|N) \d+(?:\.\d+)?)(?::|\s|$)/u;

/** Top-level nodes grouped by section: `number` null for the head (title, attendance). */
export function splitSections(doc: JSONContent): { number: string | null; nodes: JSONContent[] }[] {
	const sections: { number: string | null; nodes: JSONContent[] }[] = [{ number: null, nodes: [] }];
	for (const node of doc.content ?? []) {
		const match = node.type === 'heading' && node.attrs?.level === 2 ? SECTION.exec(nodeText(node).trim()) : null;
		if (match) sections.push({ number: match[1]!, nodes: [node] });
		else sections[sections.length - 1]!.nodes.push(node);
	}
	return sections;
}

/**
 * The copy guests may read: only sections of public items. A section heading nobody generated is left out
 * too (fail closed), since it cannot be tied to a public item.
 */
export function publicCopy(doc: JSONContent, publicNumbers: Set<string>): JSONContent {
	const kept = splitSections(doc).filter((s) => s.number === null || publicNumbers.has(s.number));
	return { type: 'doc', content: kept.flatMap((s) => s.nodes) };
}

/** The text under each decision heading of a section, up to the next heading. */
export function decisionTexts(doc: JSONContent, decisionLabels: string[]): Map<string, string> {
	const result = new Map<string, string>();
	for (const section of splitSections(doc)) {
		if (!section.number) continue;
		const parts: string[] = [];
		let inside = false;
		for (const node of section.nodes.slice(1)) {
			if (node.type === 'heading') inside = node.attrs?.level === 3 && decisionLabels.includes(nodeText(node).trim());
			else if (inside) parts.push(nodeText(node).trim());
		}
		const value = parts.filter(Boolean).join('\n');
		if (value) result.set(section.number, value);
	}
	return result;
}

/** The canonical text stored with approved minutes (Markdown-like, one block per line); hashed. */
export function canonicalText(doc: JSONContent): string {
	const lines: string[] = [];
	const walk = (node: JSONContent, prefix: string) => {
		if (node.type === 'heading') lines.push(`${'#'.repeat(Number(node.attrs?.level ?? 1))} ${nodeText(node)}`);
		else if (node.type === 'paragraph') lines.push(prefix + nodeText(node));
		else if (node.type === 'horizontalRule') lines.push('---');
		else if (node.type === 'listItem')
			(node.content ?? []).forEach((child, i) => walk(child, i === 0 ? `${prefix}- ` : `${prefix}  `));
		else if (node.type === 'blockquote') (node.content ?? []).forEach((child) => walk(child, `${prefix}> `));
		else if (node.type === 'tableRow') lines.push(`| ${(node.content ?? []).map(nodeText).join(' | ')} |`);
		else (node.content ?? []).forEach((child) => walk(child, prefix));
	};
	walk(doc, '');
	return `${lines.join('\n')}\n`;
}

export const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
