// The suggestion (track changes) marks of a paper's document. Shared by the editor, the collaboration
// server (enforcement), versions, export and search; imports nothing of the server.
import { Extension, Mark, mergeAttributes } from '@tiptap/core';
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

/**
 * Node attribute of a paragraph or heading whose break before it is a suggestion (issue #15): `insert` – someone
 * suggests this block was split off the block before it (rejecting joins it back, accepting clears the attribute);
 * `delete` – someone suggests joining it to the block before it (accepting joins, rejecting clears). An attribute
 * on the block itself survives concurrent edits of both blocks' text in Yjs.
 */
export const SUGGESTED_BREAK = 'suggestedBreak';

/** The blocks whose break can be suggested (and which a suggested break joins). */
export const BREAK_BLOCKS: readonly string[] = ['paragraph', 'heading'];

/** How a suggested paragraph break shows in lists and exports. */
export const PILCROW = '¶';

export interface BreakSuggestionAttrs extends SuggestionAttrs {
	kind: SuggestionKind;
}

/** The suggested break stored in a block's attribute value, or null when the value is none or malformed. */
export function breakSuggestionOf(value: unknown): BreakSuggestionAttrs | null {
	if (!value || typeof value !== 'object') return null;
	const v = value as Record<string, unknown>;
	if ((v.kind !== 'insert' && v.kind !== 'delete') || typeof v.id !== 'string' || typeof v.authorId !== 'string')
		return null;
	if (!v.id || !v.authorId) return null;
	return {
		kind: v.kind,
		id: v.id,
		authorId: v.authorId,
		authorName: v.authorName == null ? null : String(v.authorName),
		createdAt: String(v.createdAt ?? '')
	};
}

/** The `suggestedBreak` attribute of paragraphs and headings: shown as a pilcrow in the author's colour. */
export const SuggestedBreak = Extension.create({
	name: 'suggestedBreak',
	addGlobalAttributes() {
		return [
			{
				types: [...BREAK_BLOCKS],
				attributes: {
					[SUGGESTED_BREAK]: {
						default: null,
						// Pasted HTML never carries someone's suggestion along.
						parseHTML: () => null,
						keepOnSplit: false,
						renderHTML: (attributes: Record<string, unknown>) => {
							const value = breakSuggestionOf(attributes[SUGGESTED_BREAK]);
							if (!value) return {};
							return {
								'data-suggested-break': value.kind,
								'data-suggestion-id': value.id,
								style: colourStyle(value.authorId)
							};
						}
					}
				}
			}
		];
	}
});
