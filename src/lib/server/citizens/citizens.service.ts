import { generateHTML } from '@tiptap/html/server';
import type { JSONContent } from '@tiptap/core';
import type { ScopedDb } from '../db/scoped';
import type { Tx } from '../db/types';
import { notFound } from '../errors';
import { documentExtensions, stateToJSON } from '../documents/paper-document';
import type { PublicBoard, PublicMeeting, ResolutionFilters } from '$lib/types/citizens.types';
import * as repo from './citizens.repository';
import { publicAgenda } from './public-agenda';

// The citizens' pages (#14): what a signed-out visitor reads of a public board. `db` must be the anon handle
// (scopedDb(db, null), i.e. withAnon): whoever asks, signed in or not, reads only the public subset, and an
// unknown board, one that is not public and a row that is not public are all the same 404.

export interface CitizensServiceDeps {
	/** The anon request handle: every read runs under the policies `to anon`. */
	db: ScopedDb;
	/** The present moment (upcoming or past meetings). */
	now?: () => Date;
}

/** Front-page lists are short: the rest is one link away. */
const FRONT_PAGE = { meetings: 3, resolutions: 5 };

/** The paper's own headings one level down: the page's h1 is the paper's title. */
export function belowTitle(node: JSONContent): JSONContent {
	const attrs =
		node.type === 'heading' ? { ...node.attrs, level: Math.min(Number(node.attrs?.level ?? 1) + 1, 6) } : node.attrs;
	return { ...node, ...(attrs ? { attrs } : {}), ...(node.content ? { content: node.content.map(belowTitle) } : {}) };
}

export async function requireBoard(tx: Tx, slug: string): Promise<PublicBoard> {
	const board = await repo.findBoard(tx, slug);
	if (!board) throw notFound();
	return board;
}

export function createCitizensService({ db, now = () => new Date() }: CitizensServiceDeps) {
	/** Meetings not yet over, soonest first, and those over, newest first. */
	const split = (meetings: PublicMeeting[]) => {
		const at = now().getTime();
		const upcoming = meetings.filter((m) => new Date(m.endsAt).getTime() >= at).reverse();
		const past = meetings.filter((m) => new Date(m.endsAt).getTime() < at);
		return { upcoming, past };
	};

	return {
		async overview(slug: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const [meetings, resolutions, papers, members] = await Promise.all([
					repo.listMeetings(tx, board.id),
					repo.latestResolutions(tx, { boardId: board.id, limit: FRONT_PAGE.resolutions }),
					repo.listPapers(tx, { boardId: board.id }),
					repo.listMembers(tx, board.id)
				]);
				const { upcoming, past } = split(meetings);
				return {
					board,
					upcoming: upcoming.slice(0, FRONT_PAGE.meetings),
					recent: past.slice(0, FRONT_PAGE.meetings),
					resolutions,
					papers: papers.slice(0, FRONT_PAGE.resolutions),
					memberCount: members.length
				};
			});
		},

		async members(slug: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				return { board, members: await repo.listMembers(tx, board.id) };
			});
		},

		async meetings(slug: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				return { board, ...split(await repo.listMeetings(tx, board.id)) };
			});
		},

		/** A public meeting with its public agenda (real numbers and times), the items' files and its resolutions. */
		async meeting(slug: string, meetingId: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const meeting = await repo.findMeeting(tx, { boardId: board.id, meetingId });
				if (!meeting) throw notFound();
				const [items, files, resolutions] = await Promise.all([
					repo.listItems(tx, [meeting.id]),
					repo.listMeetingFiles(tx, meeting.id),
					repo.meetingResolutions(tx, { boardId: board.id, meetingId: meeting.id })
				]);
				const agenda = publicAgenda({ items, files, startsAt: meeting.startsAt });
				return { board, meeting, agenda, resolutions };
			});
		},

		async resolutions(slug: string, filters: ResolutionFilters) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const [{ rows, total }, years] = await Promise.all([
					repo.listResolutions(tx, { boardId: board.id, filters }),
					repo.resolutionYears(tx, board.id)
				]);
				const pages = Math.max(1, Math.ceil(total / repo.RESOLUTION_PAGE_SIZE));
				return { board, resolutions: rows, total, years, filters, pages };
			});
		},

		async resolution(slug: string, number: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const found = await repo.findResolution(tx, { boardId: board.id, number });
				if (!found) throw notFound();
				const { paperIds, ...resolution } = found;
				const papers = paperIds.length > 0 ? await repo.listPapers(tx, { boardId: board.id, ids: paperIds }) : [];
				return { board, resolution, papers };
			});
		},

		async papers(slug: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				return { board, papers: await repo.listPapers(tx, { boardId: board.id }) };
			});
		},

		/** A published paper as its frozen version reads (the schema's own HTML rendering, text escaped). */
		async paper(slug: string, paperId: string) {
			return db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const found = await repo.findPaper(tx, { boardId: board.id, paperId });
				if (!found?.state) throw notFound();
				const { state, ...paper } = found;
				return { board, paper, html: generateHTML(belowTitle(stateToJSON(state)), documentExtensions) };
			});
		}
	};
}

export type CitizensService = ReturnType<typeof createCitizensService>;
