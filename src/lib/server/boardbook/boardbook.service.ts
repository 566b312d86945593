import type { Locale } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import { requireMeeting, type MeetingRef } from '../agenda/agenda-context';
import { planAgenda } from '../agenda/agenda-plan';
import { listItems } from '../agenda/agenda.repository';
import { listItemPapers } from '../agenda/agenda-paper.repository';
import { renderBoardBook, type BookPaper } from './boardbook-pdf';

export interface BoardBookDeps {
	db: ScopedDb;
	/** Name printed in the footer: the book holds what this person may see. */
	readerName: string;
	/** A paper's current text (from the collaboration documents); absent where it cannot be read. */
	paperText?: (paperId: string) => Promise<string | null>;
}

/** The board book PDF of a meeting, built from what the reader may see under RLS. */
export function createBoardBookService(deps: BoardBookDeps) {
	const { db, readerName, paperText } = deps;

	async function textOf(paperId: string): Promise<string | null> {
		if (!paperText) return null;
		// A document that cannot be loaded must not cost the whole book.
		return paperText(paperId).catch(() => null);
	}

	return {
		async render(ref: MeetingRef, locale: Locale): Promise<{ body: Buffer; fileName: string }> {
			const { meeting, items, links } = await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				return { meeting, items: await listItems(tx, meeting.id), links: await listItemPapers(tx, meeting.id) };
			});
			const planned = planAgenda(items, meeting.startsAt);
			const bookItems = [];
			for (const item of planned) {
				const papers: BookPaper[] = [];
				for (const link of links.filter((l) => l.itemId === item.id)) papers.push({ title: link.title, text: await textOf(link.paperId) });
				bookItems.push({ ...item, presenter: item.presenterName ?? item.presenterText, papers });
			}
			const body = await renderBoardBook({
				locale,
				boardName: meeting.boardName,
				meetingTitle: meeting.title,
				startsAt: meeting.startsAt,
				endsAt: meeting.endsAt,
				location: meeting.location,
				onlineUrl: meeting.onlineUrl,
				readerName,
				items: bookItems
			});
			const date = new Date(meeting.startsAt).toISOString().slice(0, 10);
			return { body, fileName: `${locale === 'de' ? 'Sitzungsunterlage' : 'board-book'}-${date}.pdf` };
		}
	};
}
