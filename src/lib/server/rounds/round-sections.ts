import type { JSONContent } from '@tiptap/core';
import { COMMENT_MARK } from '$lib/editor/comments/comment-mark';

// Where things are in a paper, by section (the text of the last heading before them), and the paper's
// plain text: pure functions over the document's JSON.

function textOf(node: JSONContent): string {
	if (node.type === 'text') return node.text ?? '';
	if (node.type === 'hardBreak') return ' ';
	return (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '');
}

/** The section of each comment thread marked in the document (first occurrence wins). */
export function threadSections(doc: JSONContent): Map<string, string | null> {
	const found = new Map<string, string | null>();
	let section: string | null = null;
	const visit = (node: JSONContent) => {
		if (node.type === 'heading') section = textOf(node).trim() || section;
		for (const mark of node.marks ?? []) {
			const threadId = mark.type === COMMENT_MARK ? (mark.attrs?.threadId as string | undefined) : undefined;
			if (threadId && !found.has(threadId)) found.set(threadId, section);
		}
		for (const child of node.content ?? []) visit(child);
	};
	visit(doc);
	return found;
}

/** Whitespace-collapsed plain text, for telling accepted from rejected suggestions. */
export function plainText(doc: JSONContent): string {
	return textOf(doc).replace(/\s+/g, ' ');
}

/** The headings of the document in order (sections are listed in this order). */
export function headingOrder(doc: JSONContent): string[] {
	const headings: string[] = [];
	const visit = (node: JSONContent) => {
		if (node.type === 'heading') {
			const title = textOf(node).trim();
			if (title && !headings.includes(title)) headings.push(title);
			return;
		}
		for (const child of node.content ?? []) visit(child);
	};
	visit(doc);
	return headings;
}
