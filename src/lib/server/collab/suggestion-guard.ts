// What a commenter may write: suggestions of their own and nothing else (issue #15). The update is applied to
// a shadow copy of the document; it passes when the document with every suggestion rejected is the same
// before and after, only the commenter's own suggestions were added, changed or withdrawn, and it touches
// nothing outside the paper's fragment.
//
// Cost: editors' updates never run this check. The shadow exists only once a commenter wrote to the document
// (it then follows every change, one extra integration per update); a check compares only the blocks the
// update touched, read before and after through a snapshot of the shadow (which keeps deleted items for that).
// The shadow follows after the relay: the document's changes are queued and integrated once the turn's changes
// went out to the sockets, or at the latest right before the next check, which thus always sees all of them.
import * as Y from 'yjs';
import { breakSuggestionOf, SUGGESTED_BREAK } from '$lib/suggestions/suggestion-marks';
import { onlyOwnSuggestionsChanged, suggestionView } from '$lib/suggestions/y-suggestions';
import { COLLAB_FRAGMENT } from './hub';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type AnyType = Y.AbstractType<any>;

interface Shadow {
	doc: Y.Doc;
	/** The document's changes not yet integrated into the shadow, in order. */
	behind: Uint8Array[];
	/** Integrates `behind` now. */
	catchUp(): void;
	drop(): void;
}

/** Shadow copies per live document, dropped with it. */
const shadows = new WeakMap<Y.Doc, Shadow>();

function shadowOf(doc: Y.Doc): Y.Doc {
	const existing = shadows.get(doc);
	if (existing) {
		existing.catchUp();
		return existing.doc;
	}
	const shadowDoc = new Y.Doc({ gc: false });
	Y.applyUpdate(shadowDoc, Y.encodeStateAsUpdate(doc));
	const shadow: Shadow = {
		doc: shadowDoc,
		behind: [],
		catchUp() {
			const updates = shadow.behind;
			shadow.behind = [];
			for (const update of updates) Y.applyUpdate(shadowDoc, update);
		},
		drop() {
			doc.off('update', follow);
			doc.off('destroy', shadow.drop);
			if (shadows.get(doc) === shadow) shadows.delete(doc);
			shadow.behind = [];
			shadowDoc.destroy();
		}
	};
	// Queued, not integrated here: this runs inside the document's update, before the change is relayed. The
	// catch-up is queued after the relay (collab document's broadcast, also an immediate, registered earlier).
	const follow = (update: Uint8Array) => {
		shadow.behind.push(update);
		if (shadow.behind.length === 1) setImmediate(shadow.catchUp);
	};
	doc.on('update', follow);
	doc.on('destroy', shadow.drop);
	shadows.set(doc, shadow);
	return shadowDoc;
}

/** The block (child of the fragment) a changed type lies in; the fragment itself; or null outside it. */
function blockOf(type: AnyType, fragment: Y.XmlFragment): AnyType | null {
	let current: AnyType = type;
	if (current === fragment) return fragment;
	while (current._item) {
		const parent = current._item.parent;
		if (parent === fragment) return current;
		if (!(parent instanceof Y.AbstractType)) return null;
		current = parent;
	}
	return null;
}

/** Whether `update` from `authorId` changes only their own suggestions in `doc` (which it does not modify). */
export function isOwnSuggestionUpdate(doc: Y.Doc, update: Uint8Array, authorId: string): boolean {
	const shadow = shadowOf(doc);
	const fragment = shadow.getXmlFragment(COLLAB_FRAGMENT);
	const before = Y.snapshot(shadow);
	const blocks = new Set<AnyType>();
	let outside = false;
	const collect = (transaction: Y.Transaction) => {
		for (const type of transaction.changed.keys()) {
			const block = blockOf(type, fragment);
			if (block === null) outside = true;
			else blocks.add(block);
		}
	};
	shadow.on('afterTransaction', collect);
	try {
		Y.applyUpdate(shadow, update);
	} finally {
		shadow.off('afterTransaction', collect);
	}
	// Parts waiting for a missing dependency would integrate later, unchecked: refuse them now.
	const ok =
		!outside &&
		shadow.store.pendingStructs === null &&
		shadow.store.pendingDs === null &&
		compare(fragment, blocks, before, authorId);
	// A refused update is in the shadow now: start a fresh one next time.
	if (!ok) shadows.get(doc)?.drop();
	return ok;
}

const splitOf = (attributes: Record<string, unknown>) =>
	breakSuggestionOf(attributes[SUGGESTED_BREAK])?.kind === 'insert';

function compare(fragment: Y.XmlFragment, blocks: Set<AnyType>, before: Y.Snapshot, authorId: string): boolean {
	if (blocks.has(fragment)) {
		// Blocks added or removed: compare the whole document.
		return onlyOwnSuggestionsChanged(suggestionView(fragment, before), suggestionView(fragment), authorId);
	}
	const elements: Y.XmlElement[] = [];
	for (const block of blocks) {
		if (!(block instanceof Y.XmlElement)) return false;
		// A suggested split joins the block before it in the rejected document: compare the whole document.
		if (splitOf(block.getAttributes(before)) || splitOf(block.getAttributes()))
			return onlyOwnSuggestionsChanged(suggestionView(fragment, before), suggestionView(fragment), authorId);
		elements.push(block);
	}
	return onlyOwnSuggestionsChanged(suggestionView(elements, before), suggestionView(elements), authorId);
}
