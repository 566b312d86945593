// View models of votes on people's devices in a meeting (#19). Client-safe (no server import).

export type DeviceVoteChoice = 'yes' | 'no' | 'abstain';
export type DeviceVoteStatus = 'open' | 'adopted' | 'rejected' | 'failed' | 'moved';

/** A decision item of the meeting with its vote (opened on devices or recorded by the office), if any. */
export interface DeviceVoteItem {
	itemId: string;
	title: string;
	isPublic: boolean;
	voteId: string | null;
	status: DeviceVoteStatus | null;
	secret: boolean;
	/** Cast on people's devices (false: counts typed by the office after a show of hands). */
	onDevices: boolean;
	/** Null while a vote is open (no running tally, secret or named). */
	yes: number | null;
	no: number | null;
	abstain: number | null;
	eligible: number | null;
	closedAt: Date | null;
}

/** The reader's ballot in the running vote. */
export interface MyBallot {
	state: 'canVote' | 'voted' | 'notVoting' | 'notPresent' | 'conflicted';
	/** One's own choice in a named vote (a secret ballot is not kept with the voter). */
	choice: DeviceVoteChoice | null;
}

/** The vote running in the meeting: turnout only, never how anyone voted. */
export interface RunningVote {
	voteId: string;
	itemId: string;
	meetingId: string;
	title: string;
	secret: boolean;
	voted: number;
	eligible: number;
	/** Members excluded by a declared conflict of interest. */
	excluded: string[];
	me: MyBallot;
}

export interface DeviceVoteState {
	meeting: { id: string; title: string };
	items: DeviceVoteItem[];
	current: RunningVote | null;
	/** The result closed last (for the projector). */
	latest: DeviceVoteItem | null;
	canRun: boolean;
	canCast: boolean;
}

/** What the live channel carries: which vote changed and how, nothing about choices or counts. */
export interface DeviceVoteEvent {
	type: 'vote';
	voteId: string;
	change: 'opened' | 'cast' | 'closed';
}
