import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import type { StoragePort } from '../storage/port';
import { fromBerlinLocal } from '../calendar/berlin-local';
import { createVoteService } from '../votes/vote.service';
import { createPollService } from '../polls/poll.service';
import { createTaskService } from '../tasks/task.service';
import { createFileService } from '../files/file.service';
import { actingAs, berlinDay, DEMO_BOARD, DEMO_PEOPLE } from './demo-people';
import { DEMO_FILES, demoPdf } from './demo-files';

export interface ActivitySeedDeps {
	db: Database;
	mailer: Mailer;
	origin: string;
	storage: StoragePort;
}

const { office, chair, member, member2, advisor } = DEMO_PEOPLE;
const at = (days: number, time: string) => fromBerlinLocal(`${berlinDay(days)}T${time}`)!;

/** Whether the demo board already has a row in `table` (each part of the history is seeded once). */
async function has(db: Database, table: 'votes' | 'polls' | 'tasks' | 'files', where = 'true'): Promise<boolean> {
	const rows = await db.ownerTransaction((tx) =>
		tx.query(`select 1 from public.${table} where board_id = $1 and ${where} limit 1`, [DEMO_BOARD.id])
	);
	return rows.length > 0;
}

/** An open circular resolution, voted on by two of the members so far. */
async function circularVote(deps: ActivitySeedDeps) {
	if (await has(deps.db, 'votes', `kind = 'circular'`)) return;
	const votes = (who: ReturnType<typeof actingAs>) =>
		createVoteService({ db: who.db, systemDb: deps.db, mailer: deps.mailer, origin: deps.origin, actor: who.actor });
	const by = actingAs(deps.db, chair);
	const voteId = await votes(by).create(by.board, {
		title: 'Beitritt zur Fachkräfteallianz Hellweg',
		decisionKind: 'resolution',
		motion:
			'Der Beirat empfiehlt der Stadt Hamm, der Fachkräfteallianz Hellweg beizutreten und die Geschäftsstelle als Ansprechpartnerin zu benennen.',
		deadline: at(6, '18:00'),
		majority: 'cast',
		minParticipation: 50,
		discussionThreshold: 1,
		secret: false,
		voters: []
	});
	for (const who of [chair, member]) {
		const voter = actingAs(deps.db, who);
		await votes(voter).vote(voter.board, voteId, 'yes');
	}
}

/** An open date poll for the fifth meeting, answered by two people. */
async function datePoll(deps: ActivitySeedDeps) {
	if (await has(deps.db, 'polls')) return;
	const polls = (who: ReturnType<typeof actingAs>) =>
		createPollService({ db: who.db, mailer: deps.mailer, origin: deps.origin, actor: who.actor });
	const by = actingAs(deps.db, office);
	const pollId = await polls(by).create(by.board, {
		title: 'Termin für die 5. Sitzung des Beirats',
		durationMinutes: 120,
		deadline: at(9, '12:00'),
		anonymous: false,
		meetingId: null,
		slots: [at(42, '16:00'), at(44, '16:00'), at(49, '10:00')],
		participants: [chair, member, member2, advisor].map((p) => p.userId)
	});
	const slots = (await polls(by).get(by.board, pollId)).slots.map((slot) => slot.id);
	const answers: [typeof chair, ('yes' | 'maybe' | 'no')[]][] = [
		[chair, ['yes', 'no', 'yes']],
		[member2, ['yes', 'maybe', 'no']]
	];
	for (const [who, choices] of answers) {
		const voter = actingAs(deps.db, who);
		await polls(voter).answer(
			voter.board,
			pollId,
			slots.map((slotId, i) => ({ slotId, answer: choices[i]! }))
		);
	}
}

/** Action items from the past meeting: one overdue, one due soon, one for the office. */
async function tasks(deps: ActivitySeedDeps) {
	if (await has(deps.db, 'tasks')) return;
	const by = actingAs(deps.db, chair);
	const service = createTaskService({
		db: by.db,
		actor: by.actor,
		notify: { mailer: deps.mailer, origin: deps.origin }
	});
	const [decision] = await deps.db.ownerTransaction((tx) =>
		tx.query<{ number: string }>(
			`select number from public.decision_entries where board_id = $1 and source = 'meeting' order by seq limit 1`,
			[DEMO_BOARD.id]
		)
	);
	await service.create(by.board, {
		title: 'Liste der beteiligten Ausbildungsbetriebe an die Geschäftsstelle senden',
		owner: member.userId,
		dueDate: berlinDay(-4),
		notes: 'Aus der Logistik und dem Handwerk, mit Ansprechpersonen.',
		decisionNumber: decision?.number
	});
	await service.create(by.board, {
		title: 'Eckpunkte des Gründungsstipendiums ausarbeiten',
		owner: member2.userId,
		dueDate: berlinDay(10),
		notes: 'Für TOP „Gründungsstipendium Hamm“ der nächsten Sitzung.',
		agendaItemId: '00000000-0000-4000-8000-0000000a0204'
	});
	await service.create(by.board, {
		title: 'Genehmigtes Protokoll der 3. Sitzung veröffentlichen',
		owner: 'office',
		dueDate: berlinDay(3),
		notes: ''
	});
}

/** Documents on agenda items (one on the non-public item) and one in the library. */
async function files(deps: ActivitySeedDeps) {
	if (await has(deps.db, 'files')) return;
	const by = actingAs(deps.db, office);
	const service = createFileService({ db: by.db, storage: deps.storage, actor: by.actor });
	for (const file of DEMO_FILES) {
		await service.upload(by.board, {
			fileName: file.fileName,
			bytes: await demoPdf(file.title, file.paragraphs),
			agendaItemId: file.itemId
		});
	}
}

/** Votes, polls, tasks and files of the demo board; notifications follow from the services. */
export async function seedDemoActivity(deps: ActivitySeedDeps): Promise<void> {
	await circularVote(deps);
	await datePoll(deps);
	await tasks(deps);
	await files(deps);
}
