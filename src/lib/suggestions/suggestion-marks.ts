// The suggestion (track changes) marks of a paper's document. Shared by the editor, the collaboration
// server (enforcement), versions, export and search; imports nothing of the server.
import { Mark, mergeAttributes } from '@tiptap/core';
import { colourFor } from '$lib/editor/colour';

/** Mark on text someone suggests to insert (shown underlined). */
export const SUGGESTION_INSERT = 'suggestionInsert';
/** Mark on text someone suggests to delete (shown struck through). */
export const SUGGESTION_DELETE = 'suggestionDelete';

export type SuggestionKind = 'insert' | 'delete';

/** Attributes of both marks (stored as the Yjs formatting attribute's value). */
export interface SuggestionAttrs {
	/** Stable id of one suggestion: all runs with this id are accepted or rejected together. */
	id: string;
	/** User id of the person who suggested it (the server checks it against the socket's user). */
	authorId: string;
	/** Display name at the time of suggesting (for lists and exports without a lookup). */
	authorName: string | null;
	/** ISO 8601 time of suggesting. */
	createdAt: string;
}

export const markNameOf = (kind: SuggestionKind) => (kind === 'insert' ? SUGGESTION_INSERT : SUGGESTION_DELETE);

function suggestionAttributes() {
	const attribute = (name: string) => ({
		default: null,
		parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${name}`),
		renderHTML: (attributes: Record<string, unknown>) =>
			attributes[name] ? { [`data-suggestion-${name}`]: String(attributes[name]) } : {}
	});
	return {
		id: attribute('id'),
		authorId: attribute('authorId'),
		authorName: attribute('authorName'),
		createdAt: attribute('createdAt')
	};
}

/** The author's caret colour (the same per-person colour carets and presence use). */
const colourStyle = (authorId: unknown) => `--suggestion-colour: ${colourFor(String(authorId ?? ''))}`;

/**
 * `inclusive: false`: text typed right after a suggestion in edit mode stays plain text (suggest mode sets the
 * mark itself). Both marks exclude only themselves, so text can be someone's insertion and another's deletion.
 */
export const SuggestionInsertMark = Mark.create({
	name: SUGGESTION_INSERT,
	inclusive: false,
	addAttributes: suggestionAttributes,
	parseHTML: () => [{ tag: 'ins[data-suggestion-id]' }],
	renderHTML: ({ HTMLAttributes, mark }) => [
		'ins',
		mergeAttributes({ class: 'suggestion suggestion-insert', style: colourStyle(mark.attrs.authorId) }, HTMLAttributes),
		0
	]
});

export const SuggestionDeleteMark = Mark.create({
	name: SUGGESTION_DELETE,
	inclusive: false,
	addAttributes: suggestionAttributes,
	parseHTML: () => [{ tag: 'del[data-suggestion-id]' }],
	renderHTML: ({ HTMLAttributes, mark }) => [
		'del',
		mergeAttributes({ class: 'suggestion suggestion-delete', style: colourStyle(mark.attrs.authorId) }, HTMLAttributes),
		0
	]
});
