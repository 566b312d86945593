// "Changed since you last read" (#15): what the paper page shows. Client-safe (no server import).

/** A piece of a changed block: unchanged context, or text inserted or deleted since the person's read. */
export interface SinceReadSegment {
	kind: 'same' | 'added' | 'removed';
	text: string;
	/** Indexes into SinceReadView.authors (empty: not known, e.g. text written before authors were recorded). */
	authors: number[];
}

/** A block (paragraph, heading, list item, table cell …) that changed, was inserted or was deleted. */
export interface SinceReadBlock {
	kind: 'changed' | 'added' | 'removed';
	/** How the block is shown: a heading, a list item, a table cell or a paragraph. */
	tag: 'heading' | 'item' | 'cell' | 'paragraph';
	segments: SinceReadSegment[];
}

export interface SinceReadAuthor {
	id: string;
	/** Null where the person's profile is not visible (RLS). */
	name: string | null;
}

export interface SinceReadView {
	/** first: never read (the page records this reading); unchanged; changed: see `blocks`. */
	state: 'first' | 'unchanged' | 'changed';
	readAt: Date | null;
	/** Places that changed (each run of insertions and deletions counts once). */
	count: number;
	blocks: SinceReadBlock[];
	authors: SinceReadAuthor[];
	/** More blocks changed than are shown. */
	truncated: boolean;
}
