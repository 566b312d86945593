// View models of consultation rounds (#15): what the round pages show.

export type RoundItemState = 'open' | 'accepted' | 'rejected' | 'answered';

export interface RoundRow {
	id: string;
	boardId: string;
	paperId: string;
	paperTitle: string;
	question: string;
	endsAt: Date;
	createdAt: Date;
	closedAt: Date | null;
	summary: string | null;
	closedByName: string | null;
	/** Not closed and before its deadline. */
	isOpen: boolean;
	/** Whether the person may close it (office, the paper's author). */
	mayRun: boolean;
}

export interface RoundParticipant {
	userId: string;
	displayName: string;
	kind: 'member' | 'contributor';
	comments: number;
	suggestions: number;
}

export interface RoundThread {
	id: string;
	quote: string;
	resolved: boolean;
	authorId: string | null;
	authorName: string;
	body: string;
	createdAt: Date;
	replies: number;
}

export interface TrackedSuggestion {
	id: string;
	kind: 'insert' | 'delete';
	authorId: string | null;
	authorName: string;
	text: string;
	section: string | null;
	state: 'open' | 'accepted' | 'rejected';
	seenAt: Date;
}

/** One line of the round page: a comment thread or a suggestion, in its section. */
export interface RoundEntry {
	id: string;
	kind: 'comment' | 'suggestion';
	/** For suggestions: insert or delete. */
	change: 'insert' | 'delete' | null;
	authorId: string | null;
	authorName: string;
	text: string;
	/** The commented text (comments only). */
	quote: string;
	state: RoundItemState;
	replies: number;
}

export interface RoundSection {
	/** The heading above the entries; null for text before the first heading (or no longer found). */
	title: string | null;
	entries: RoundEntry[];
}
