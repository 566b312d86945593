// The editor's schema, shared by the browser (with collaboration) and the server (schema only, e.g.
// `getSchema(baseExtensions())` to read or write a paper's Yjs document for versions and export).
import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import { CommentMark } from './comments/comment-mark';
import { SuggestedBreak, SuggestionDeleteMark, SuggestionInsertMark } from '$lib/suggestions/suggestion-marks';
import { colourFor, isHexColour, labelTextFor } from './colour';
import { SuggestMode, type SuggestModeOptions } from './suggest-mode';

/** Name of the Y.XmlFragment the document lives in (TipTap Collaboration's default). */
export const PAPER_FRAGMENT = 'default';

/**
 * Nodes and marks of a paper: headings 1–3, bold/italic/underline/strike, lists, quote, tables,
 * links, horizontal rule, and the comment mark that anchors comment threads. Undo/redo is off:
 * with Yjs, Collaboration's own undo manager does it (ProseMirror's history would undo other
 * people's changes).
 */
export function baseExtensions(): AnyExtension[] {
	return [
		StarterKit.configure({
			undoRedo: false,
			heading: { levels: [1, 2, 3] },
			code: false,
			codeBlock: false,
			link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' }
		}),
		TableKit.configure({ table: { resizable: false } }),
		// Comment anchors (added by the server for commenters): without the mark the editor would drop them.
		CommentMark,
		// Suggestions (track changes): without the marks the editor and the server would drop them.
		SuggestionInsertMark,
		SuggestionDeleteMark,
		SuggestedBreak
	];
}

/** Who the local person is to others (the server overwrites it with the ticket's identity). */
export interface CaretUser {
	id: string;
	name: string;
	color: string;
}

export interface CollabExtensionsInput {
	/** The paper's shared document. */
	doc: Y.Doc;
	/** The y-websocket provider; its awareness carries carets and presence. */
	provider: { awareness: unknown };
	user: CaretUser;
	/** Whether typing and deleting become suggestions (suggest mode) right now. */
	suggesting?: SuggestModeOptions['enabled'];
}

/** The browser editor's extensions: the schema plus live co-editing and remote carets with names. */
export function collabExtensions(input: CollabExtensionsInput): AnyExtension[] {
	return [
		...baseExtensions(),
		Collaboration.configure({ document: input.doc, field: PAPER_FRAGMENT }),
		CollaborationCaret.configure({ provider: input.provider, user: { ...input.user }, render: renderCaret }),
		SuggestMode.configure({
			author: { id: input.user.id, name: input.user.name },
			enabled: input.suggesting ?? (() => false)
		})
	];
}

/**
 * Another person's caret with their name, in their colour, the label text in black or white, whichever
 * reads on it. A colour the extension cannot draw (it would make the caret transparent) falls back to the
 * palette colour of the person's id, so no caret is ever invisible.
 */
export function renderCaret(user: Partial<CaretUser>): HTMLElement {
	const colour = isHexColour(user.color) ? user.color : colourFor(user.id ?? user.name ?? '');
	const caret = document.createElement('span');
	caret.classList.add('collaboration-carets__caret');
	caret.style.borderColor = colour;
	const label = document.createElement('div');
	label.classList.add('collaboration-carets__label');
	label.style.backgroundColor = colour;
	label.style.color = labelTextFor(colour);
	label.textContent = user.name ?? '';
	caret.append(label);
	return caret;
}
