import { Transform } from '@tiptap/pm/transform';
import { ServiceError } from '../errors';
import { documentSchema, stateToNode, updateTowards } from '../documents/paper-document';
import { COMMENT_MARK } from '$lib/editor/comments/comment-mark';
import { QUOTE_MAX } from './comment.schema';

/** Where a new thread is anchored: ProseMirror positions and the text the commenter selected. */
export interface Anchor {
	from: number;
	to: number;
	quote: string;
}

/** Spaces collapse: the editor's textBetween and ours may separate blocks differently. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The update that marks the anchored text with the thread. Refused when the text at those positions is no
 * longer what the commenter selected (someone edited in between): marking the wrong words would be worse.
 */
export function commentMarkUpdate(state: Uint8Array, input: Anchor & { threadId: string }): Uint8Array {
	const doc = stateToNode(state);
	const { from, to } = input;
	if (from < 1 || to <= from || to > doc.content.size) throw new ServiceError(409, 'comments.error.anchorChanged');
	const actual = normalise(doc.textBetween(from, to, ' '));
	const quote = normalise(input.quote);
	// Long selections arrive with their quote cut at QUOTE_MAX characters: then the beginning must match.
	const matches = input.quote.length >= QUOTE_MAX ? actual.startsWith(quote) : actual === quote;
	if (!matches) throw new ServiceError(409, 'comments.error.anchorChanged');
	const mark = documentSchema().marks[COMMENT_MARK]!.create({ threadId: input.threadId });
	const transform = new Transform(doc).addMark(from, to, mark);
	return updateTowards(state, transform.doc);
}
