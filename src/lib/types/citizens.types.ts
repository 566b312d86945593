// The citizens' pages' view models (#14): what a signed-out visitor sees of a public board. Client-safe (no
// server import); the citizens' service builds them from what `anon` may read.

import type { AgendaItemKind } from './agenda.types';
import type { VoteResult } from './decision.types';

export interface PublicBoard {
	id: string;
	slug: string;
	name: string;
}

export interface PublicMember {
	userId: string;
	displayName: string;
	role: 'office' | 'chair' | 'deputy' | 'member' | 'advisor';
	organisation: string | null;
	function: string | null;
}

export interface PublicMeeting {
	id: string;
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	location: string | null;
	status: string;
}

export interface PublicFile {
	id: string;
	name: string;
	size: number;
	contentType: string;
}

export interface PublicAgendaItem {
	id: string;
	/** "Ö 1", "Ö 1.1": the real public numbers, as every member reads them. */
	number: string;
	isSubItem: boolean;
	title: string;
	description: string;
	kind: AgendaItemKind;
	presenter: string | null;
	plannedMinutes: number;
	startsAt: Date;
	endsAt: Date;
	files: PublicFile[];
}

export interface PublicResolution {
	number: string;
	title: string;
	resolution: string;
	kind: string;
	status: string;
	voteResult: VoteResult;
	/** The meeting's start when it was taken in a public meeting, else when it was recorded. */
	decidedAt: Date;
	publishedAt: Date;
	meeting: { id: string; title: string } | null;
	agendaItemId: string | null;
}

export interface PublicPaperSummary {
	id: string;
	title: string;
	publishedAt: Date;
	versionNumber: number | null;
}

export interface ResolutionFilters {
	q: string;
	year: number | null;
	kind: string | null;
	page: number;
}
