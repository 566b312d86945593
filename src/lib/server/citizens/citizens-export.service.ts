import { translate, type Locale } from '$lib/i18n';
import { citizenPath } from '$lib/public/links';
import { voteText } from '$lib/components/decisions/decision-labels';
import type { ScopedDb } from '../db/scoped';
import { notFound } from '../errors';
import { buildCalendar } from '../calendar/ics';
import { icsAgenda } from '../meetings/meeting-agenda';
import { stateToJSON } from '../documents/paper-document';
import { toPdf } from '../export/pdf';
import { contentDisposition } from '../export/file-name';
import { BUCKET } from '../files/file.repository';
import type { StoragePort } from '../storage/port';
import type { PublicResolution } from '$lib/types/citizens.types';
import * as repo from './citizens.repository';
import { publicAgenda } from './public-agenda';
import { buildAtom } from './atom';
import { requireBoard } from './citizens.service';

// The citizens' pages' files (#14): the calendar of public meetings, the Atom feed of published resolutions,
// a published paper as PDF and a public file's bytes. Like the pages, everything is read as `anon`.

export interface CitizensExportDeps {
	/** The anon request handle. */
	db: ScopedDb;
	storage: StoragePort;
	/** Absolute links in calendars and feeds. */
	origin: string;
	now?: () => Date;
}

/** Entries of the feed: readers poll it, so the newest are enough. */
const FEED_ENTRIES = 50;

function summaryOf(locale: Locale, resolution: PublicResolution): string {
	const outcome = `${translate(locale, `decisions.status.${resolution.status}` as never)} – ${voteText(locale, resolution.voteResult)}`;
	return `${resolution.resolution}\n\n${outcome}`;
}

export function createCitizensExportService({ db, storage, origin, now = () => new Date() }: CitizensExportDeps) {
	return {
		/** The board's public meetings as iCalendar, each with its public agenda only. */
		async calendar(slug: string, locale: Locale): Promise<string> {
			const { board, meetings, items } = await db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				const meetings = await repo.listCalendarMeetings(tx, board.id);
				const items =
					meetings.length > 0
						? await repo.listItems(
								tx,
								meetings.map((m) => m.id)
							)
						: [];
				return { board, meetings, items };
			});
			return buildCalendar({
				name: board.name,
				origin,
				meetings: meetings.map((meeting) => {
					const agenda = publicAgenda({
						items: items.filter((item) => item.meetingId === meeting.id),
						startsAt: meeting.startsAt
					}).map(({ number, title, isSubItem, startsAt }) => ({ number, title, isSubItem, isPublic: true, startsAt }));
					return {
						...meeting,
						// Its own UID (`public-<id>@host`): a member who subscribes to this calendar and to their
						// personal one keeps two entries, the public one never replacing the full one.
						id: `public-${meeting.id}`,
						onlineUrl: null,
						link: `${origin}${citizenPath.meeting(board.slug, meeting.id)}`,
						agenda: icsAgenda(locale, agenda)
					};
				})
			});
		},

		/** The newest published resolutions as an Atom feed, newest publication first. */
		async feed(slug: string, locale: Locale): Promise<string> {
			const { board, resolutions } = await db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				return { board, resolutions: await repo.latestResolutions(tx, { boardId: board.id, limit: FEED_ENTRIES }) };
			});
			return buildAtom({
				self: `${origin}${citizenPath.feed(board.slug)}`,
				alternate: `${origin}${citizenPath.resolutions(board.slug)}`,
				title: translate(locale, 'citizens.feed.title', { board: board.name }),
				author: board.name,
				lang: locale,
				now: now(),
				entries: resolutions.map((resolution) => {
					const link = `${origin}${citizenPath.resolution(board.slug, resolution.number)}`;
					return {
						id: link,
						link,
						title: `${resolution.number}: ${resolution.title}`,
						published: resolution.publishedAt,
						updated: resolution.publishedAt,
						summary: summaryOf(locale, resolution)
					};
				})
			});
		},

		/** The frozen published version of a paper as PDF. */
		async paperPdf(slug: string, paperId: string): Promise<{ body: Buffer; disposition: string }> {
			const paper = await db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				return repo.findPaper(tx, { boardId: board.id, paperId });
			});
			if (!paper?.state) throw notFound();
			const body = await toPdf({ title: paper.title, doc: stateToJSON(paper.state) });
			return { body, disposition: contentDisposition(paper.title, 'pdf') };
		},

		/**
		 * A public file's current version. The row is read as anon and so are the bytes (`db` is the anon handle:
		 * storage.objects' anon policy locally, the anon key on Supabase): a file the public may not see is not
		 * found at either step.
		 */
		async file(slug: string, fileId: string): Promise<{ bytes: Uint8Array; name: string; contentType: string }> {
			const file = await db.run(async (tx) => {
				const board = await requireBoard(tx, slug);
				return repo.findFile(tx, { boardId: board.id, fileId });
			});
			// Outside the transaction: on Supabase the bytes come over the network.
			const bytes = file ? await storage.readPublic(db, BUCKET, file.objectName) : null;
			if (!file || !bytes) throw notFound();
			return { bytes, name: file.name, contentType: file.contentType };
		}
	};
}

export type CitizensExportService = ReturnType<typeof createCitizensExportService>;
