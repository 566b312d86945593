import type { JSONContent } from '@tiptap/core';
import type { CollabHub } from '../collab/hub';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { createCommentService } from '../comments/comment.service';
import { createVersionService } from '../versions/version.service';
import { documentSchema, jsonToState, stateToNode, updateTowards } from '../documents/paper-document';
import {
	actingAs,
	DEMO_BOARD,
	DEMO_PEOPLE,
	INNOVATION_PAPER,
	NEXT_MEETING,
	SKILLS_PAPER,
	type DemoPerson
} from './demo-people';
import { innovationCurrent, innovationDraft, skillsCurrent, skillsDraft } from './demo-texts';

export interface PaperSeedDeps {
	db: Database;
	hub: CollabHub;
	mailer: Mailer;
	origin: string;
}

/** The second strategy paper, on the next meeting's Jobcenter item (the SQL seed has the first). */
async function ensureSkillsPaper(db: Database) {
	await db.ownerTransaction(async (tx) => {
		await tx.query(
			`insert into public.papers (id, board_id, title, status, tags, visibility, board_access, created_by, created_at, updated_by, updated_at)
			 values ($1, $2, 'Handlungsfeld Fachkräftesicherung', 'discussion', '{Fachkräfte,Ausbildung,Strategie 2030}', 'board', 'edit', $3, now() - interval '30 days', $4, now() - interval '3 days')
			 on conflict (id) do nothing`,
			[SKILLS_PAPER, DEMO_BOARD.id, DEMO_PEOPLE.office.userId, DEMO_PEOPLE.advisor.userId]
		);
		await tx.query(
			`insert into public.agenda_item_papers (item_id, paper_id, meeting_id, created_by)
			 select '00000000-0000-4000-8000-0000000a0205', $1, $2, $3 where exists (select 1 from public.agenda_items where id = '00000000-0000-4000-8000-0000000a0205')
			 on conflict (item_id, paper_id) do nothing`,
			[SKILLS_PAPER, NEXT_MEETING, DEMO_PEOPLE.office.userId]
		);
	});
}

/** Whether the paper's document has any stored content yet. */
async function hasContent(db: Database, paperId: string): Promise<boolean> {
	const [row] = await db.ownerTransaction((tx) =>
		tx.query<{ found: boolean }>(
			`select exists (select 1 from public.collab_updates where doc_id = $1) or exists (select 1 from public.collab_snapshots where doc_id = $1) as found`,
			[paperId]
		)
	);
	return row?.found ?? false;
}

/** The range of `quote` in the document (ProseMirror positions), for anchoring a comment. */
function rangeOf(state: Uint8Array, quote: string): { from: number; to: number } {
	let found: { from: number; to: number } | null = null;
	stateToNode(state).descendants((node, pos) => {
		const at = node.isText ? (node.text ?? '').indexOf(quote) : -1;
		if (!found && at >= 0) found = { from: pos + at, to: pos + at + quote.length };
		return !found;
	});
	if (!found) throw new Error(`demo: no "${quote}" in the paper`);
	return found;
}

interface PaperStory {
	paperId: string;
	author: DemoPerson;
	editor: DemoPerson;
	draft: JSONContent;
	current: JSONContent;
	versionName: string;
	comments: {
		by: DemoPerson;
		quote: string;
		body: string;
		reply?: { by: DemoPerson; body: string };
		resolved?: boolean;
	}[];
}

/** Draft, a named version of it, the current text, then comment threads on the current text. */
async function tellPaper(deps: PaperSeedDeps, story: PaperStory) {
	const { db, hub } = deps;
	await hub.applyUpdate(story.paperId, jsonToState(story.draft), story.author.userId);
	const author = actingAs(db, story.author);
	await createVersionService({ db: author.db, hub, locale: 'de', actor: author.actor }).createNamed(author.board, {
		paperId: story.paperId,
		name: story.versionName
	});
	const state = await hub.getState(story.paperId);
	await hub.applyUpdate(
		story.paperId,
		updateTowards(state, documentSchema().nodeFromJSON(story.current)),
		story.editor.userId
	);
	for (const comment of story.comments) {
		const by = actingAs(db, comment.by);
		const comments = (who: typeof by) =>
			createCommentService({
				db: who.db,
				systemDb: db,
				hub,
				mailer: deps.mailer,
				origin: deps.origin,
				actor: who.actor
			});
		const range = rangeOf(await hub.getState(story.paperId), comment.quote);
		const { threadId } = await comments(by).createThread(by.board, {
			paperId: story.paperId,
			...range,
			quote: comment.quote,
			body: comment.body
		});
		if (comment.reply) {
			const replier = actingAs(db, comment.reply.by);
			await comments(replier).reply(replier.board, { threadId, body: comment.reply.body });
		}
		if (comment.resolved) await comments(author).setResolved(author.board, { threadId, resolved: true });
	}
}

const { office, chair, member, member2, advisor } = DEMO_PEOPLE;

const STORIES: PaperStory[] = [
	{
		paperId: INNOVATION_PAPER,
		author: office,
		editor: member2,
		draft: innovationDraft,
		current: innovationCurrent,
		versionName: 'Entwurf der Geschäftsstelle',
		comments: [
			{
				by: member,
				quote: 'davon mindestens zehn aus der Hochschule',
				body: 'Ist das realistisch? Bisher waren es zwei bis drei Ausgründungen im Jahr.',
				reply: {
					by: member2,
					body: 'Mit dem Stipendium und dem neuen Transferbüro halten wir zehn für erreichbar. @Jonas Albers'
				}
			},
			{
				by: chair,
				quote: 'rund 180.000 Euro pro Jahr',
				body: 'Bitte mit der Kämmerei abstimmen, bevor wir das beschließen.',
				resolved: true
			}
		]
	},
	{
		paperId: SKILLS_PAPER,
		author: office,
		editor: advisor,
		draft: skillsDraft,
		current: skillsCurrent,
		versionName: 'Erster Entwurf',
		comments: [
			{
				by: member,
				quote: '150 zusätzliche Ausbildungsplätze bis 2028',
				body: 'Die Logistikbetriebe im Hafen können davon etwa 40 stellen.'
			}
		]
	}
];

/** Both strategy papers with text, versions and comments; a paper that already has text is left alone. */
export async function seedDemoPapers(deps: PaperSeedDeps): Promise<void> {
	await ensureSkillsPaper(deps.db);
	for (const story of STORIES) if (!(await hasContent(deps.db, story.paperId))) await tellPaper(deps, story);
}
