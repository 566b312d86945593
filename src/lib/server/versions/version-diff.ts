import type { JSONContent } from '@tiptap/core';
import { diffWordsWithSpace } from 'diff';
import { SUGGESTION_DELETE, SUGGESTION_INSERT } from '$lib/suggestions/suggestion-marks';
import { markBreaks, rejectAll } from '$lib/suggestions/suggestions';

export interface DiffSegment {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

/** How pending suggestions enter a compare: left out (the agreed text, as search sees it) or marked. */
export type SuggestionView = 'agreed' | 'marked';

/** A text run's text; a pending suggestion in CriticMarkup ({++inserted++}, {--deleted--}) as in Markdown export. */
function runText(n: JSONContent): string {
	const text = n.text ?? '';
	if (n.marks?.some((m) => m.type === SUGGESTION_INSERT)) return `{++${text}++}`;
	if (n.marks?.some((m) => m.type === SUGGESTION_DELETE)) return `{--${text}--}`;
	return text;
}

function plain(nodes: JSONContent[] = []): string {
	return nodes.map((n) => (n.type === 'hardBreak' ? '\n' : n.type === 'text' ? runText(n) : plain(n.content))).join('');
}

/** One line per block, with a marker for headings and list items so structural changes show too. */
export function blockLines(nodes: JSONContent[] = [], prefix = ''): string[] {
	return nodes.flatMap((node) => {
		switch (node.type) {
			case 'heading':
				return [`${'#'.repeat(Number(node.attrs?.level ?? 1))} ${plain(node.content)}`];
			case 'bulletList':
			case 'orderedList':
				return (node.content ?? []).flatMap((item) => blockLines(item.content, `${prefix}• `));
			case 'table':
				return (node.content ?? []).map((row) => (row.content ?? []).map((cell) => plain(cell.content)).join(' | '));
			case 'blockquote':
				return blockLines(node.content, `${prefix}> `);
			case 'horizontalRule':
				return ['---'];
			default:
				return [`${prefix}${plain(node.content)}`];
		}
	});
}

/**
 * A word diff of two documents' texts: what the newer one added and removed. By default pending suggestions
 * are left out on both sides (the agreed text: suggested insertions absent, suggested deletions still there,
 * as search indexes it); `marked` keeps them in CriticMarkup so a compare shows them too.
 */
export function diffDocuments(older: JSONContent, newer: JSONContent, view: SuggestionView = 'agreed'): DiffSegment[] {
	const side = (doc: JSONContent) =>
		blockLines((view === 'agreed' ? rejectAll(doc) : markBreaks(doc)).content).join('\n');
	const a = side(older);
	const b = side(newer);
	return diffWordsWithSpace(a, b).map((part) => ({
		kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
		text: part.value
	}));
}
