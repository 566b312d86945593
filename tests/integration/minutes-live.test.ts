import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createCollabServer } from '$lib/server/collab/collab-server';
import { createHubEvents } from '$lib/server/collab/hub-events';
import { scopedDb } from '$lib/server/db/scoped';
import { documentSchema, stateToJSON, updateTowards } from '$lib/server/documents/paper-document';
import { canonicalText } from '$lib/server/minutes/minutes-document';
import { createLiveService } from '$lib/server/live/live.service';
import { claimsFor, type TestBoard, type TestUser } from '../factories';
import { boardWithRoles } from '../factories/board-with-roles';
import { createItem, createMeeting } from '../factories/agenda';
import { boardAs } from '../factories/meetings';
import { minutesAs } from '../factories/minutes';
import { testDatabases } from '../support/databases';
import { createHarness, ORIGIN } from '../support/app-harness';
import { startCollabNode, type CollabNode } from '../support/collab';
import { refusal } from '../support/refusal';
import { attempt, rows } from '../support/rls';

// Minutes assistance (#19): what meeting mode recorded (item times, attendance) reaches the minutes draft,
// generated or taken over later into a draft people already edit. The log's instants are set to fixed
// times (a winter evening), so the text never depends on the machine's date.

type Harness = Awaited<ReturnType<typeof createHarness>>;

const lines = (state: Uint8Array) => canonicalText(stateToJSON(state)).split('\n');

describe.each(testDatabases())('minutes from meeting mode on $name', (target) => {
	let db: Database;
	let h: Harness;
	let node: CollabNode;
	let hub: ReturnType<typeof createCollabServer>;
	let board: TestBoard;
	let people: Record<'office' | 'chair' | 'anna' | 'bernd' | 'clara' | 'advisor', TestUser>;

	const minutesOf = (user: TestUser) => minutesAs(db, { user, board, hub, mailer: h.mailer, origin: ORIGIN });
	const liveAs = async (user: TestUser) => ({
		service: createLiveService({ db: scopedDb(db, claimsFor(user)), actor: { userId: user.id }, publish: () => {} }),
		board: await boardAs(db, user, board)
	});
	/** Dates the log rows written since the last stamp to `iso` (the real clock never shows through). */
	let stamped = 0;
	const stamp = async (meetingId: string, iso: string) => {
		const [row] = await db.ownerTransaction((tx) =>
			tx.query<{ last: string | null }>(
				`with dated as (update public.meeting_live_log set at = $2 where meeting_id = $1 and id > $3 returning id)
				 select max(id)::text as last from dated`,
				[meetingId, iso, stamped]
			)
		);
		if (row?.last) stamped = Number(row.last);
	};

	beforeAll(async () => {
		db = await target.open();
		h = await createHarness(db);
		hub = createCollabServer({ db, events: createHubEvents() });
		node = await startCollabNode({ db }, hub);
		({ board, people } = await boardWithRoles(db, {
			office: 'office',
			chair: 'chair',
			anna: 'member',
			bernd: 'member',
			clara: 'member',
			advisor: 'advisor'
		}));
	});
	afterAll(async () => {
		await node?.close();
		await db?.close();
	});

	/** A meeting with three items, run in meeting mode on 5 November 2026 (CET, UTC+1) from 18:00 Berlin. */
	async function runMeeting(options: { beforeEnd?: () => Promise<void> } = {}) {
		const meeting = await createMeeting(db, { board, published: true, startsAt: new Date('2026-11-05T17:00:00Z') });
		const items = [
			await createItem(db, { meeting, title: 'Begrüßung' }),
			await createItem(db, { meeting, title: 'Haushalt', kind: 'decision' }),
			await createItem(db, { meeting, title: 'Verschiedenes' })
		];
		const chair = await liveAs(people.chair);
		const step = async (iso: string, work: () => Promise<unknown>) => {
			await work();
			await stamp(meeting.id, iso);
		};
		const checkIn = (user: TestUser, mode: 'room' | 'online') => async () => {
			const person = await liveAs(user);
			await person.service.checkIn(person.board, meeting.id, { mode });
		};
		await step('2026-11-05T16:58:00Z', () => chair.service.start(chair.board, meeting.id));
		await step('2026-11-05T16:59:00Z', checkIn(people.chair, 'room'));
		await step('2026-11-05T16:59:30Z', checkIn(people.anna, 'room'));
		await step('2026-11-05T17:02:00Z', () => chair.service.setItem(chair.board, meeting.id, items[0]!.id));
		// Bernd comes late and online, then leaves early.
		await step('2026-11-05T17:09:00Z', checkIn(people.bernd, 'online'));
		await step('2026-11-05T17:15:00Z', () => chair.service.setItem(chair.board, meeting.id, items[1]!.id));
		await step('2026-11-05T17:40:00Z', async () => {
			const bernd = await liveAs(people.bernd);
			await bernd.service.checkOut(bernd.board, meeting.id, {});
		});
		// The first item once more (an item called twice: its first start, its last end).
		await step('2026-11-05T17:45:00Z', () => chair.service.setItem(chair.board, meeting.id, items[0]!.id));
		await options.beforeEnd?.();
		await step('2026-11-05T17:51:00Z', () => chair.service.end(chair.board, meeting.id));
		return { meeting, items };
	}

	it('writes item times and attendance into the draft generated after the meeting', async () => {
		const { meeting } = await runMeeting();
		const office = await minutesOf(people.office);
		const { paperId } = await office.minutes.create(office.board, meeting.id);
		const text = lines(await hub.getState(paperId));
		const names = people;
		expect(text.slice(2, 7)).toEqual([
			'## Anwesenheit',
			'> Aus dem Sitzungsmodus:',
			`> Im Raum: ${[names.anna.displayName, names.chair.displayName].sort((a, b) => a.localeCompare(b, 'de')).join(', ')}`,
			`> Online: ${names.bernd.displayName} (verspätet ab 18:09 Uhr, gegangen 18:40 Uhr)`,
			`> Abwesend: ${[names.advisor.displayName, names.clara.displayName].sort((a, b) => a.localeCompare(b, 'de')).join(', ')}`
		]);
		expect(text.slice(7, 9)).toEqual([
			'## Ö 1: Begrüßung',
			'> Aus dem Sitzungsmodus: Beginn 18:02 Uhr, Ende 18:51 Uhr'
		]);
		expect(text.slice(text.indexOf('## Ö 2: Haushalt'), text.indexOf('## Ö 2: Haushalt') + 2)).toEqual([
			'## Ö 2: Haushalt',
			'> Aus dem Sitzungsmodus: Beginn 18:15 Uhr, Ende 18:45 Uhr'
		]);
		expect(text.slice(text.indexOf('## Ö 3: Verschiedenes'), -1)).toEqual(['## Ö 3: Verschiedenes', 'Diskussion:']);
		// The plain list of the form-recorded attendance is not written beside it.
		expect(text.some((l) => l.startsWith('Anwesend:'))).toBe(false);

		// The overview offers the take-over for this meeting; it changes nothing on a fresh draft.
		const overview = await office.minutes.overview(office.board, meeting.id);
		expect(overview.meetingMode).toEqual({ running: false });
		expect(await office.minutes.takeOverMeetingRecord(office.board, overview.minutes[0]!.id)).toEqual({
			changed: false,
			kept: 0
		});
	});

	it('takes times and attendance over into a draft people already edit, only in its blocks, twice is once', async () => {
		let minutesId = '';
		let paperId = '';
		const office = await minutesOf(people.office);
		const { meeting } = await runMeeting({
			// The office opens the draft while the meeting still runs; someone types into it.
			beforeEnd: async () => {
				const meetingId = (
					await db.ownerTransaction((tx) =>
						tx.query<{ meeting_id: string }>(
							`select meeting_id from public.meeting_live where ended_at is null and board_id = $1`,
							[board.id]
						)
					)
				)[0]!.meeting_id;
				({ minutesId, paperId } = await office.minutes.create(office.board, meetingId));
				const state = await hub.getState(paperId);
				const json = stateToJSON(state);
				const content = json.content!;
				const notes = content.findIndex((n) => n.content?.[0]?.text === 'Diskussion:');
				content[notes] = { type: 'paragraph', content: [{ type: 'text', text: 'Diskussion: kurz und gut' }] };
				content.splice(3, 0, { type: 'paragraph', content: [{ type: 'text', text: 'Protokoll: Frau Office' }] });
				await hub.applyUpdate(paperId, updateTowards(state, documentSchema().nodeFromJSON(json)), people.office.id);
				// Clara arrives after the draft was made.
				const clara = await liveAs(people.clara);
				await clara.service.checkIn(clara.board, meetingId, { mode: 'room' });
				await stamp(meetingId, '2026-11-05T17:48:00Z');
			}
		});
		const before = lines(await hub.getState(paperId));
		// Drafted while the first item ran a second time: open end.
		expect(before).toContain('> Aus dem Sitzungsmodus: Beginn 18:02 Uhr');

		// Members may not take over; a meeting without meeting mode has nothing to take over.
		const member = await minutesOf(people.anna);
		expect(await refusal(member.minutes.takeOverMeetingRecord(member.board, minutesId))).toBe('error.forbidden');
		const plain = await createMeeting(db, { board, published: true });
		const { minutesId: plainMinutes } = await office.minutes.create(office.board, plain.id);
		expect(await refusal(office.minutes.takeOverMeetingRecord(office.board, plainMinutes))).toBe(
			'minutes.error.noLiveRecord'
		);
		expect((await office.minutes.overview(office.board, plain.id)).meetingMode).toBeNull();

		expect(await office.minutes.takeOverMeetingRecord(office.board, minutesId)).toEqual({ changed: true, kept: 0 });
		const after = lines(await hub.getState(paperId));
		expect(after).toContain('> Aus dem Sitzungsmodus: Beginn 18:02 Uhr, Ende 18:51 Uhr');
		expect(after).toContain('Diskussion: kurz und gut');
		expect(after).toContain('Protokoll: Frau Office');
		expect(after.filter((l) => l.startsWith('> Aus dem Sitzungsmodus'))).toHaveLength(3);
		// Only the item block changed: every other line is as it was.
		const changed = after.filter((l, i) => l !== before[i]);
		const sorted = (...users: TestUser[]) =>
			users
				.map((u) => u.displayName)
				.sort((a, b) => a.localeCompare(b, 'de'))
				.join(', ');
		expect(changed).toEqual([
			`> Im Raum: ${sorted(people.anna, people.chair, people.clara).replace(people.clara.displayName, `${people.clara.displayName} (verspätet ab 18:48 Uhr)`)}`,
			`> Abwesend: ${people.advisor.displayName}`,
			'> Aus dem Sitzungsmodus: Beginn 18:02 Uhr, Ende 18:51 Uhr'
		]);
		expect(await office.minutes.takeOverMeetingRecord(office.board, minutesId)).toEqual({ changed: false, kept: 0 });
		expect(lines(await hub.getState(paperId))).toEqual(after);

		// Someone corrects the attendance block by hand: a later take-over leaves it as typed.
		const state = await hub.getState(paperId);
		const json = stateToJSON(state);
		const block = json.content!.find((n) => n.type === 'blockquote')!;
		block.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Gast: Herr Z (Presse)' }] });
		await hub.applyUpdate(paperId, updateTowards(state, documentSchema().nodeFromJSON(json)), people.chair.id);
		const edited = lines(await hub.getState(paperId));
		expect(edited).toContain('> Gast: Herr Z (Presse)');
		expect(await office.minutes.takeOverMeetingRecord(office.board, minutesId)).toEqual({ changed: false, kept: 1 });
		expect(lines(await hub.getState(paperId))).toEqual(edited);

		// What was written is remembered for the office; members read it, only the office writes it.
		expect(
			await attempt(db, claimsFor(people.anna), (tx) =>
				rows(
					tx,
					`update public.minutes_record_blocks set text_sha256 = repeat('0', 64) where minutes_id = $1 returning 1`,
					[minutesId]
				)
			)
		).toBe('refused');
		expect(
			await attempt(db, claimsFor(people.anna), (tx) =>
				rows(tx, `select block_key from public.minutes_record_blocks where minutes_id = $1`, [minutesId])
			)
		).toBe('allowed');
		expect(
			await attempt(db, claimsFor(people.office), (tx) =>
				rows(
					tx,
					`update public.minutes_record_blocks set text_sha256 = repeat('0', 64) where minutes_id = $1 returning 1`,
					[minutesId]
				)
			)
		).toBe('allowed');
		expect((await office.minutes.overview(office.board, meeting.id)).meetingMode).toEqual({ running: false });
	});
});
