import type { JSONContent } from '@tiptap/core';
import { translate } from '$lib/i18n';
import type { CollabHub } from '../collab/hub';
import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import { createMeetingVoteService } from '../votes/meeting-vote.service';
import { createMinutesService } from '../minutes/minutes.service';
import { decisionLogSink } from '../minutes/minutes-decision-sink';
import { documentSchema, stateToJSON, updateTowards } from '../documents/paper-document';
import { nodeText } from '../minutes/minutes-document';
import { actingAs, berlinDay, DEMO_PEOPLE, PAST_MEETING } from './demo-people';
import { minutesNotes } from './demo-texts';

export interface MeetingSeedDeps {
	db: Database;
	hub: CollabHub;
	mailer: Mailer;
	origin: string;
}

const TRAINING_ITEM = '00000000-0000-4000-8000-0000000a0106';

/** The past meeting's decision on the training initiative (before "Verschiedenes"). */
async function addTrainingItem(db: Database) {
	await db.ownerTransaction(async (tx) => {
		const [existing] = await tx.query(`select 1 from public.agenda_items where id = $1`, [TRAINING_ITEM]);
		if (existing) return;
		await tx.query(
			`update public.agenda_items set position = 5 where id = '00000000-0000-4000-8000-0000000a0105' and meeting_id = $1`,
			[PAST_MEETING]
		);
		await tx.query(
			`insert into public.agenda_items (id, meeting_id, position, is_sub_item, title, description, kind, is_public, presenter_user_id, planned_minutes)
			 values ($1, $2, 4, false, 'Eckpunkte der Ausbildungsoffensive Hamm', 'Vorschlag der AG Fachkräfte für 150 zusätzliche Ausbildungsplätze.', 'decision', true, $3, 20)`,
			[TRAINING_ITEM, PAST_MEETING, DEMO_PEOPLE.member.userId]
		);
	});
}

/** Fills each section's notes line and decision paragraph with what was said and decided. */
function writtenMinutes(json: JSONContent, itemTitles: Map<string, string>): JSONContent {
	const notesLabel = translate('de', 'minutes.doc.notes');
	const decisionLabel = translate('de', 'minutes.doc.decision');
	let current: { notes?: string; decision?: string } | undefined;
	const content = (json.content ?? []).map((node, index, all) => {
		const label = nodeText(node).trim();
		if (node.type === 'heading' && node.attrs?.level === 2) {
			const id = [...itemTitles].find(([, title]) => label.endsWith(`: ${title}`))?.[0];
			current = id ? minutesNotes[id] : undefined;
		}
		if (current?.notes && node.type === 'paragraph' && label === notesLabel)
			return { type: 'paragraph', content: [{ type: 'text', text: `${notesLabel} ${current.notes}` }] };
		const previous = all[index - 1];
		if (
			current?.decision &&
			node.type === 'paragraph' &&
			previous?.type === 'heading' &&
			nodeText(previous).trim() === decisionLabel
		)
			return { type: 'paragraph', content: [{ type: 'text', text: current.decision }] };
		return node;
	});
	return { ...json, content };
}

/**
 * The past meeting as held: a named vote on the training initiative, minutes written by the office,
 * sent to review and approved by the chair (their hash stored, their decisions in the log).
 */
export async function seedPastMeeting(deps: MeetingSeedDeps): Promise<void> {
	const { db, hub } = deps;
	const [done] = await db.ownerTransaction((tx) =>
		tx.query(`select 1 from public.minutes where meeting_id = $1`, [PAST_MEETING])
	);
	if (done) return;
	await addTrainingItem(db);
	const office = actingAs(db, DEMO_PEOPLE.office);
	const { chair, member, member2 } = DEMO_PEOPLE;
	await createMeetingVoteService({ db: office.db }).record(office.board, PAST_MEETING, {
		itemId: TRAINING_ITEM,
		mode: 'named',
		yes: 0,
		no: 0,
		abstain: 0,
		named: [
			{ userId: chair.userId, choice: 'yes' },
			{ userId: member.userId, choice: 'yes' },
			{ userId: member2.userId, choice: 'abstain' }
		]
	});
	const minutesAs = (who: ReturnType<typeof actingAs>) =>
		createMinutesService({
			db: who.db,
			hub,
			mailer: deps.mailer,
			origin: deps.origin,
			locale: 'de',
			actor: who.actor,
			decisions: decisionLogSink
		});
	const { minutesId, paperId } = await minutesAs(office).create(office.board, PAST_MEETING);
	const titles = await db.ownerTransaction((tx) =>
		tx.query<{ id: string; title: string }>(`select id, title from public.agenda_items where meeting_id = $1`, [
			PAST_MEETING
		])
	);
	const state = await hub.getState(paperId);
	const written = writtenMinutes(stateToJSON(state), new Map(titles.map((t) => [t.id, t.title])));
	await hub.applyUpdate(paperId, updateTowards(state, documentSchema().nodeFromJSON(written)), office.actor.userId);
	await minutesAs(office).sendToReview(office.board, { minutesId, reviewUntil: berlinDay(1) });
	const chairActing = actingAs(db, chair);
	await minutesAs(chairActing).approve(chairActing.board, minutesId);
}
