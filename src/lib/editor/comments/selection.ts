import type { Editor } from '@tiptap/core';

/** The text range a new comment thread is anchored to. */
export interface CommentSelection {
	from: number;
	to: number;
	/** The selected text: the server checks it still matches before adding the mark. */
	quote: string;
}

/** The editor's current selection as a comment anchor, or null when nothing is selected. */
export function selectionForComment(editor: Editor | null | undefined): CommentSelection | null {
	if (!editor) return null;
	const { from, to, empty } = editor.state.selection;
	if (empty) return null;
	const quote = editor.state.doc.textBetween(from, to, ' ');
	return quote.trim() ? { from, to, quote } : null;
}

/** Selects and scrolls to the text of a thread (when its anchor still exists). */
export function focusThread(editor: Editor | null | undefined, threadId: string): boolean {
	if (!editor) return false;
	let range: { from: number; to: number } | null = null;
	editor.state.doc.descendants((node, pos) => {
		if (!node.isText) return true;
		if (node.marks.some((mark) => mark.type.name === 'comment' && mark.attrs.threadId === threadId)) {
			range = range ? { from: range.from, to: pos + node.nodeSize } : { from: pos, to: pos + node.nodeSize };
		}
		return true;
	});
	if (!range) return false;
	editor.chain().focus().setTextSelection(range).scrollIntoView().run();
	return true;
}
