// The decision log's types: entries as stored and shown, kinds and states. Client-safe (no server import).

export const DECISION_KINDS = ['resolution', 'recommendation', 'position'] as const;
export const DECISION_STATUSES = ['adopted', 'rejected', 'deferred', 'withdrawn', 'superseded', 'implemented'] as const;
export const DECISION_SOURCES = ['meeting', 'circular', 'minutes', 'manual'] as const;

export type DecisionKind = (typeof DECISION_KINDS)[number];
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export type DecisionSource = (typeof DECISION_SOURCES)[number];

export interface VoteResult {
	yes?: number;
	no?: number;
	abstain?: number;
	unanimous?: boolean;
	consensus?: boolean;
}

/** What callers pass to appendDecision. */
export interface NewDecision {
	boardId: string;
	title: string;
	resolution: string;
	meetingId?: string | null;
	agendaItemId?: string | null;
	kind: DecisionKind;
	voteResult: VoteResult;
	status: 'adopted' | 'rejected' | 'deferred' | 'withdrawn';
	responsible?: string | null;
	dueDate?: string | null;
	paperIds?: string[];
	/** Circular votes and minutes append through their own database functions (decision.repository). */
	source: 'meeting' | 'manual';
	sourceId?: string | null;
	isPublic: boolean;
}

export interface DecisionEntry {
	id: string;
	boardId: string;
	seq: number;
	year: number;
	number: string;
	revision: number;
	previousId: string | null;
	change: 'recorded' | 'amended' | 'status' | 'superseded';
	title: string;
	resolution: string;
	meetingId: string | null;
	agendaItemId: string | null;
	kind: DecisionKind;
	voteResult: VoteResult;
	status: DecisionStatus;
	supersededBy: string | null;
	supersedes: string | null;
	responsible: string | null;
	dueDate: string | null;
	paperIds: string[];
	source: DecisionSource;
	sourceId: string | null;
	isPublic: boolean;
	recordedBy: string | null;
	recordedAt: string;
	prevHash: string;
	hash: string;
}
