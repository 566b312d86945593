import type { JSONContent } from '@tiptap/core';
import { diffWordsWithSpace } from 'diff';

export interface DiffSegment {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

function plain(nodes: JSONContent[] = []): string {
	return nodes.map((n) => (n.type === 'hardBreak' ? '\n' : (n.text ?? plain(n.content)))).join('');
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

/** A word diff of two documents' texts: what the newer one added and removed. */
export function diffDocuments(older: JSONContent, newer: JSONContent): DiffSegment[] {
	const a = blockLines(older.content).join('\n');
	const b = blockLines(newer.content).join('\n');
	return diffWordsWithSpace(a, b).map((part) => ({
		kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
		text: part.value
	}));
}
