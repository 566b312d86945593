import { getSchema, type Extensions, type JSONContent } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYDoc, updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { COLLAB_FRAGMENT } from '../collab/hub';
import { baseExtensions } from '$lib/editor/extensions';

// The editor's own schema (including the comment mark): a node the server did not know would be dropped
// when a restore or a comment mark rewrites the fragment.
export const documentExtensions: Extensions = baseExtensions();

let cachedSchema: Schema | null = null;
export function documentSchema(): Schema {
	cachedSchema ??= getSchema(documentExtensions);
	return cachedSchema;
}

/** A Y.Doc holding a stored state (a full update). */
export function docFromState(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc({ gc: false });
	if (state.byteLength > 0) Y.applyUpdate(doc, state);
	return doc;
}

/** The ProseMirror document inside a Yjs state. */
export function stateToNode(state: Uint8Array): PmNode {
	const doc = docFromState(state);
	try {
		return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(COLLAB_FRAGMENT), documentSchema());
	} finally {
		doc.destroy();
	}
}

export function stateToJSON(state: Uint8Array): JSONContent {
	return stateToNode(state).toJSON() as JSONContent;
}

/** A first update that fills an empty document with `json` (import). */
export function jsonToState(json: JSONContent): Uint8Array {
	const doc = prosemirrorJSONToYDoc(documentSchema(), json, COLLAB_FRAGMENT);
	try {
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * The update that turns the document in `current` into `target`, computed as a minimal diff on a copy of
 * the current state: untouched paragraphs keep their Yjs identity, so concurrent edits elsewhere survive.
 * Empty when nothing changes.
 */
export function updateTowards(current: Uint8Array, target: PmNode): Uint8Array {
	const doc = docFromState(current);
	try {
		const before = Y.encodeStateVector(doc);
		const fragment = doc.getXmlFragment(COLLAB_FRAGMENT);
		updateYFragment(doc, fragment, target, { mapping: new Map(), isOMark: new Map() } as never);
		return Y.encodeStateAsUpdate(doc, before);
	} finally {
		doc.destroy();
	}
}

/** Whether an update carries no change (no new items and no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
	const { structs, ds } = Y.decodeUpdate(update);
	return structs.length === 0 && ds.clients.size === 0;
}

/**
 * Whether applying `update` to `current` changes anything. Unlike `isEmptyUpdate` it also holds for a
 * document with earlier deletions: `updateTowards` always carries the document's whole delete set.
 */
export function changesState(current: Uint8Array, update: Uint8Array): boolean {
	return !sameState(current, Y.mergeUpdates([current, update]));
}

/** Whether two states hold the same changes (same state vector and same deletions). */
export function sameState(a: Uint8Array, b: Uint8Array): boolean {
	return (
		Buffer.from(Y.encodeStateVectorFromUpdate(a)).equals(Buffer.from(Y.encodeStateVectorFromUpdate(b))) &&
		Buffer.from(deleteSet(a)).equals(Buffer.from(deleteSet(b)))
	);
}

function deleteSet(state: Uint8Array): Uint8Array {
	const doc = docFromState(state);
	try {
		return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
	} finally {
		doc.destroy();
	}
}
