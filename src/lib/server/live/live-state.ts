// Reading the live picture of a meeting (inside a transaction of the reader) and cutting the guests' copy.
import type { Tx } from '../db/types';
import { isVotingRole } from '../boards/policy';
import * as meetings from '../meetings/meeting.repository';
import { quorum } from '../meetings/quorum';
import * as repo from './live.repository';
import type { LivePerson, LiveState } from '$lib/types/live.types';

const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null);

async function people(tx: Tx, boardId: string, meetingId: string): Promise<LivePerson[]> {
	const expected = [
		...(await meetings.listBoardPeople(tx, boardId)).filter((p) => p.role !== 'office'),
		...(await meetings.listMeetingGuests(tx, { boardId, meetingId }))
	];
	const checkins = new Map((await repo.listCheckins(tx, meetingId)).map((c) => [c.userId, c]));
	return expected.map((p) => {
		const c = checkins.get(p.userId);
		return {
			userId: p.userId,
			name: p.displayName,
			voting: isVotingRole(p.role),
			mode: c?.mode ?? null,
			arrivedAt: iso(c?.arrivedAt),
			leftAt: iso(c?.leftAt),
			present: Boolean(c && !c.leftAt)
		};
	});
}

/** The full picture, as a full member of the board reads it. */
export async function readLiveState(tx: Tx, input: { boardId: string; meetingId: string }): Promise<LiveState> {
	const { boardId, meetingId } = input;
	// The clock before any read (see repo.clockMs): this picture holds every commit made before `readAt`.
	const readAt = await repo.clockMs(tx);
	const live = await repo.findLive(tx, meetingId);
	const everyone = await people(tx, boardId, meetingId);
	const voting = everyone.filter((p) => p.voting);
	const { quorumRule } = await meetings.boardSettings(tx, boardId);
	return {
		meetingId,
		readAt,
		running: Boolean(live && !live.endedAt),
		startedAt: iso(live?.startedAt),
		endedAt: iso(live?.endedAt),
		currentItemId: live?.currentItemId ?? null,
		hiddenItem: false,
		itemStartedAt: iso(live?.itemStartedAt),
		speakingSeconds: live?.speakingSeconds ?? 0,
		speakers: live?.currentItemId ? await repo.listSpeakers(tx, live.currentItemId) : [],
		itemTimes: await repo.listItemTimes(tx, meetingId),
		people: everyone,
		quorum: quorum(quorumRule, voting.filter((p) => p.present).length, voting.length)
	};
}

/** What a guest may have of `state`: public items only, no attendance list. */
export function publicState(state: LiveState, publicItems: Set<string>): LiveState {
	const shown = state.currentItemId !== null && publicItems.has(state.currentItemId);
	return {
		...state,
		currentItemId: shown ? state.currentItemId : null,
		hiddenItem: state.currentItemId !== null && !shown,
		itemStartedAt: shown ? state.itemStartedAt : null,
		speakers: shown ? state.speakers : [],
		itemTimes: state.itemTimes.filter((t) => publicItems.has(t.itemId)),
		people: [],
		quorum: null
	};
}

/** The reader's own copy: guests (no full membership) get the public cut, read under their own RLS. */
export async function readStateFor(
	tx: Tx,
	input: { boardId: string; meetingId: string; full: boolean }
): Promise<LiveState> {
	if (input.full) return readLiveState(tx, input);
	const readAt = await repo.clockMs(tx);
	const live = await repo.findLive(tx, input.meetingId);
	const items = await repo.listItemFlags(tx, input.meetingId);
	const publicItems = new Set(items.filter((i) => i.isPublic).map((i) => i.id));
	const base: LiveState = {
		meetingId: input.meetingId,
		readAt,
		running: Boolean(live && !live.endedAt),
		startedAt: iso(live?.startedAt),
		endedAt: iso(live?.endedAt),
		currentItemId: live?.currentItemId ?? null,
		hiddenItem: false,
		itemStartedAt: iso(live?.itemStartedAt),
		speakingSeconds: live?.speakingSeconds ?? 0,
		speakers:
			live?.currentItemId && publicItems.has(live.currentItemId) ? await repo.listSpeakers(tx, live.currentItemId) : [],
		// The log is for full members (RLS): a guest's copy has no item times.
		itemTimes: [],
		people: [],
		quorum: null
	};
	return publicState(base, publicItems);
}
