// The agenda's view models: what the agenda pages, the meeting page's panel and the dashboard show.
// Client-safe (no server import), so components type their props on these; the agenda services and
// repositories build them.

export const AGENDA_ITEM_KINDS = ['information', 'discussion', 'decision'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** Councils keep a public part and a non-public part, each numbered on its own ("Ö 1" / "N 1"). */
export type AgendaPart = 'public' | 'nonPublic';

export type AgendaChangeAction = 'add' | 'edit' | 'delete' | 'move';

/** What a change record keeps of an item before and after. */
export interface ItemSnapshot {
	number: string;
	title: string;
	description?: string;
	kind?: string;
	isPublic: boolean;
	plannedMinutes?: number;
	presenter?: string | null;
}

/** One change of a published agenda, as the change list shows it. */
export interface AgendaChangeRow {
	id: string;
	itemId: string;
	action: AgendaChangeAction;
	before: ItemSnapshot | null;
	after: ItemSnapshot | null;
	changedByName: string | null;
	createdAt: Date;
}

export type ProposalStatus = 'open' | 'accepted' | 'declined';

/** A member's proposal for the agenda. */
export interface ProposalRow {
	id: string;
	title: string;
	description: string;
	kind: AgendaItemKind;
	status: ProposalStatus;
	declineReason: string | null;
	proposedBy: string;
	proposerName: string | null;
	createdAt: Date;
	decidedAt: Date | null;
}

export interface ConflictView {
	userId: string;
	displayName: string | null;
	reason: string | null;
	declaredAt: Date;
}

export interface AgendaItemView {
	id: string;
	/** "Ö 1", "Ö 1.1", "N 1": the same for every reader (a guest sees the public part only). */
	number: string;
	/** Public items come first, then the non-public part; one time plan runs through both. */
	part: AgendaPart;
	isSubItem: boolean;
	startsAt: Date;
	endsAt: Date;
	title: string;
	description: string;
	kind: AgendaItemKind;
	isPublic: boolean;
	presenter: string | null;
	presenterText: string | null;
	presenterUserId: string | null;
	plannedMinutes: number;
	/** Changed after the agenda was published. */
	changed: boolean;
	/** The current person's active declaration on this item. */
	myConflict: { reason: string | null; declaredAt: Date } | null;
	/** Every active declaration: only for the office and the chair. */
	conflicts: ConflictView[];
	/** Attached papers the reader may open; `changedSinceBook`: changed after the reader downloaded the board book. */
	papers: { paperId: string; title: string; changedSinceBook: boolean }[];
	/** Attached files (Anlagen) the reader may see (RLS). */
	files: { id: string; name: string; version: number; size: number }[];
}

/** What the meeting page's agenda panel shows (the meetings area renders it). */
export interface AgendaPanelData {
	meetingStartsAt: Date;
	/** When the time plan ends (start + all planned minutes). */
	plannedEnd: Date;
	publishedAt: Date | null;
	items: AgendaItemView[];
	/** The office edits the agenda. */
	canEdit: boolean;
	/** Voting members and advisors declare conflicts of interest. */
	canDeclare: boolean;
	/** The office and the chair see everyone's declarations. */
	canSeeConflicts: boolean;
	changes: AgendaChangeRow[];
}

/** The agenda page: the panel plus proposals and the office's tools. */
export interface AgendaPageData extends AgendaPanelData {
	meeting: { id: string; title: string; startsAt: Date; endsAt: Date; location: string | null; proposalDeadline: Date };
	canPropose: boolean;
	proposalsOpen: boolean;
	proposals: ProposalRow[];
	copySources: { id: string; title: string; startsAt: Date; itemCount: number }[];
	/** The board's papers the office may attach. */
	boardPapers: { id: string; title: string }[];
	presenters: { userId: string; displayName: string }[];
}
