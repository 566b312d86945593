// The suggestions of a Yjs document without a ProseMirror schema (the collaboration client, tests, the server).
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { listSuggestions, type SuggestionSummary } from './suggestions';

/** The paper's fragment name (TipTap Collaboration's default). */
const FRAGMENT = 'default';

/** y-prosemirror stores overlapping marks (comments) as `name--hash`. */
const markName = (attribute: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attribute)?.[1] ?? attribute;

function toJSON(type: Y.XmlElement | Y.XmlFragment): JSONContent[] {
	const content: JSONContent[] = [];
	for (const child of type.toArray()) {
		if (child instanceof Y.XmlElement) {
			content.push({ type: child.nodeName, attrs: child.getAttributes(), content: toJSON(child) });
			continue;
		}
		if (!(child instanceof Y.XmlText)) continue;
		for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
			if (typeof op.insert !== 'string') continue;
			const marks = Object.entries(op.attributes ?? {}).map(([name, attrs]) => ({
				type: markName(name),
				attrs: (attrs ?? {}) as Record<string, unknown>
			}));
			content.push(marks.length ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
		}
	}
	return content;
}

/** A ProseMirror-shaped JSON of a Yjs document's fragment (node and mark names as stored; no schema check). */
export function yDocToJSON(doc: Y.Doc, fragment = FRAGMENT): JSONContent {
	return { type: 'doc', content: toJSON(doc.getXmlFragment(fragment)) };
}

/** `listSuggestions` of a live or loaded Y.Doc (e.g. `docFromState(await hub.getState(paperId))`). */
export function listSuggestionsOfDoc(doc: Y.Doc, fragment = FRAGMENT): SuggestionSummary[] {
	return listSuggestions(yDocToJSON(doc, fragment));
}
