// View models of meeting mode (#19): what the live page, the projector and the live channel's 'state'
// event carry. Client-safe (no server import); the live service builds them.

/** As src/lib/server/meetings/quorum.ts computes it. */
export interface QuorumResult {
	present: number;
	total: number;
	needed: number;
	reached: boolean;
}

export type CheckinMode = 'room' | 'online';
export type SpeakerState = 'waiting' | 'speaking' | 'done' | 'withdrawn';

export interface LiveSpeaker {
	id: string;
	userId: string;
	name: string;
	state: SpeakerState;
	position: number;
	/** ISO time the turn started (countdown), null while waiting. */
	startedAt: string | null;
}

export interface LivePerson {
	userId: string;
	name: string;
	voting: boolean;
	/** Checked in how (null: not checked in). */
	mode: CheckinMode | null;
	arrivedAt: string | null;
	leftAt: string | null;
	/** Checked in and not gone. */
	present: boolean;
}

export interface LiveItemTime {
	itemId: string;
	startedAt: string | null;
	endedAt: string | null;
}

/** The whole live picture of a meeting for one audience; sent as the 'state' event and read by the page. */
export interface LiveState {
	meetingId: string;
	/** Database clock (ms, with microseconds) when this picture was read: a client keeps the newest. */
	readAt: number;
	running: boolean;
	startedAt: string | null;
	endedAt: string | null;
	/** The current item, null when none (or, for guests, when it is not public: see `hiddenItem`). */
	currentItemId: string | null;
	/** Guests: a non-public item is being discussed. */
	hiddenItem: boolean;
	itemStartedAt: string | null;
	speakingSeconds: number;
	/** Speakers list of the current item, in order (waiting and speaking; done ones last). */
	speakers: LiveSpeaker[];
	itemTimes: LiveItemTime[];
	/** Who is expected and who is there (empty for guests). */
	people: LivePerson[];
	quorum: QuorumResult | null;
}

/** An agenda item as meeting mode shows it (numbers and the time plan as on the agenda). */
export interface LiveItem {
	id: string;
	number: string;
	title: string;
	isPublic: boolean;
	isSubItem: boolean;
	kind: 'information' | 'discussion' | 'decision';
	plannedStart: string;
	plannedEnd: string;
	papers: { paperId: string; title: string }[];
	files: { id: string; name: string }[];
}

/** The live page: the meeting, its agenda for the reader, the picture, and what the reader may do. */
export interface LivePage {
	meeting: {
		id: string;
		title: string;
		startsAt: string;
		endsAt: string;
		location: string | null;
		onlineUrl: string | null;
	};
	items: LiveItem[];
	state: LiveState;
	me: { userId: string; canRun: boolean; canAttend: boolean; isOffice: boolean };
}
