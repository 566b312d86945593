import type { Locale } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import { requireMeeting, type MeetingRef } from '../agenda/agenda-context';
import { planAgenda } from '../agenda/agenda-plan';
import { listItems } from '../agenda/agenda.repository';
import { listItemPapers } from '../agenda/agenda-paper.repository';
import { listMeetingAttachments, type AttachmentRow } from '../files/file.repository';
import { MIME } from '../storage/sniff';
import { toBerlinLocal } from '../calendar/berlin-local';
import type { BookPaper } from './boardbook-pdf';
import { assembleBoardBook, type AssembleAttachment } from './boardbook-assemble';
import { loadAttachment } from './boardbook-merge';

export interface BoardBookDeps {
	db: ScopedDb;
	/** Name printed in the footer: the book holds what this person may see. */
	readerName: string;
	/** A paper's current text (from the collaboration documents); absent where it cannot be read. */
	paperText?: (paperId: string) => Promise<string | null>;
	/** The bytes of a stored file version (storage object name); absent: attachments are listed by name only. */
	readFile?: (objectName: string) => Promise<Uint8Array>;
}

/** The board book PDF of a meeting, built from what the reader may see under RLS. */
export function createBoardBookService(deps: BoardBookDeps) {
	const { db, readerName, paperText, readFile } = deps;

	async function textOf(paperId: string): Promise<string | null> {
		if (!paperText) return null;
		// A document that cannot be loaded must not cost the whole book.
		return paperText(paperId).catch(() => null);
	}

	/** PDFs are merged; other files, and PDFs that cannot be read, are named only. */
	async function attachmentOf(row: AttachmentRow): Promise<AssembleAttachment> {
		if (!readFile || row.contentType !== MIME.pdf) return { name: row.name, pdf: null };
		const bytes = await readFile(row.objectName).catch(() => null);
		return { name: row.name, pdf: bytes ? await loadAttachment(bytes) : null };
	}

	return {
		async render(ref: MeetingRef, locale: Locale): Promise<{ body: Buffer; fileName: string }> {
			// Items, papers and files come under the reader's RLS: a guest gets public items and their files only.
			const { meeting, items, links, files } = await db.run(async (tx) => {
				const meeting = await requireMeeting(tx, ref);
				return {
					meeting,
					items: await listItems(tx, meeting.id),
					links: await listItemPapers(tx, meeting.id),
					files: await listMeetingAttachments(tx, meeting.id)
				};
			});
			const planned = planAgenda(items, meeting.startsAt);
			const bookItems = [];
			for (const item of planned) {
				const papers: BookPaper[] = [];
				for (const link of links.filter((l) => l.itemId === item.id))
					papers.push({ title: link.title, text: await textOf(link.paperId) });
				const attachments: AssembleAttachment[] = [];
				for (const row of files.filter((f) => f.itemId === item.id)) attachments.push(await attachmentOf(row));
				bookItems.push({ ...item, presenter: item.presenterName ?? item.presenterText, papers, attachments });
			}
			const body = await assembleBoardBook({
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
			// The meeting's day as people in Hamm name it (a meeting at 00:30 is on that day, not the UTC one before).
			const date = toBerlinLocal(new Date(meeting.startsAt)).slice(0, 10);
			return { body, fileName: `${locale === 'de' ? 'Sitzungsunterlage' : 'board-book'}-${date}.pdf` };
		}
	};
}
