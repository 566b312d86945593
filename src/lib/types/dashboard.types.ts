// The start page's view models: what the dashboard sections show. Client-safe (no server import); the
// dashboard repository reads the rows, the dashboard service assembles them.

/** The board a dashboard row belongs to, for its links. */
export interface BoardRef {
	boardSlug: string;
	boardName: string;
}

export interface NextMeetingRow extends BoardRef {
	id: string;
	boardId: string;
	title: string;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
	status: 'planned' | 'invited';
	agendaPublished: boolean;
	myResponse: 'attending' | 'absent' | 'online' | null;
	/** Kept when the person answers again from the dashboard (which has no field for it). */
	myProxyNote: string;
}

export interface OpenVoteRow extends BoardRef {
	id: string;
	motion: string;
	deadline: Date;
}

export interface OpenPollRow extends BoardRef {
	id: string;
	title: string;
	deadline: Date;
}

export interface MyTaskRow extends BoardRef {
	id: string;
	title: string;
	dueDate: string | null;
	status: 'open' | 'in_progress';
	overdue: boolean;
	decisionNumber: string | null;
}

export interface MentionRow extends BoardRef {
	commentId: string;
	threadId: string;
	paperId: string;
	paperTitle: string;
	authorName: string | null;
	body: string;
	createdAt: Date;
}

export interface RecentPaperRow extends BoardRef {
	id: string;
	title: string;
	status: string;
	updatedAt: Date;
	updatedByName: string | null;
}

export interface LatestDecisionRow extends BoardRef {
	number: string;
	title: string;
	status: string;
	recordedAt: Date;
}

export interface DashboardAgendaItem {
	id: string;
	/** "Ö 1", "Ö 1.1", "N 1": the agenda's own numbers, the same as on the meeting page. */
	number: string;
	title: string;
	isSubItem: boolean;
	isPublic: boolean;
}

export interface DashboardMeeting extends NextMeetingRow {
	/** The person answers the invitation for themselves (not office, not guests). */
	canRsvp: boolean;
	/** The items the person may see: guests get public items only (RLS). */
	agenda: DashboardAgendaItem[];
}

export interface DashboardData {
	/** Boards the person fully belongs to: the sections' "full list" links point there. */
	boards: { slug: string; name: string }[];
	/** Only guest memberships: the dashboard shows the meeting and nothing of the boards. */
	guestOnly: boolean;
	nextMeeting: DashboardMeeting | null;
	openVotes: OpenVoteRow[];
	/** Date polls waiting for the person's answer. */
	openPolls: OpenPollRow[];
	tasks: MyTaskRow[];
	mentions: MentionRow[];
	papers: RecentPaperRow[];
	/** Papers others changed since the person last read them (#15). */
	changedPapers: RecentPaperRow[];
	decisions: LatestDecisionRow[];
}
