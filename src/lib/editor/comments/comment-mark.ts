import { Mark, mergeAttributes } from '@tiptap/core';

/** Name of the mark that anchors a comment thread in the document. */
export const COMMENT_MARK = 'comment';

/**
 * Anchors a comment thread to a text range. Commenters cannot write to the document (the collaboration
 * server drops their updates), so the server adds this mark on their behalf; the editor only shows it.
 * `excludes: ''` lets threads overlap; `inclusive: false` keeps text typed at the edge outside the thread.
 */
export const CommentMark = Mark.create({
	name: COMMENT_MARK,
	excludes: '',
	inclusive: false,

	addAttributes() {
		return {
			threadId: {
				default: null,
				parseHTML: (element) => element.getAttribute('data-comment-thread'),
				renderHTML: (attributes) => (attributes.threadId ? { 'data-comment-thread': String(attributes.threadId) } : {})
			}
		};
	},

	parseHTML() {
		return [{ tag: 'span[data-comment-thread]' }];
	},

	renderHTML({ HTMLAttributes }) {
		return ['span', mergeAttributes({ class: 'comment-anchor' }, HTMLAttributes), 0];
	}
});
