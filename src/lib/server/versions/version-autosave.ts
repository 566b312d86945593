import type { CollabHub } from '../collab/hub';
import { withSystem } from '../db/scoped';
import type { Database } from '../db/types';
import { isEmptyUpdate, sameState } from '../documents/paper-document';
import * as repo from './version.repository';

/** At most one automatic version per this many minutes of continuous editing. */
export const AUTO_VERSION_MINUTES = 30;

/**
 * Stores an automatic version when the document changed since the newest version. `minAgeMinutes` holds
 * back versions during editing; 0 when the last editor left.
 */
export async function saveAutoVersion(input: {
	db: Database;
	hub: CollabHub;
	paperId: string;
	userId: string | null;
	minAgeMinutes: number;
}) {
	const { db, hub, paperId } = input;
	const latest = await withSystem(db, 'paper-versions', (tx) => repo.latestVersion(tx, paperId));
	if (latest && Date.now() - latest.createdAt.getTime() < input.minAgeMinutes * 60_000) return null;
	const state = await hub.getState(paperId);
	if (latest ? sameState(latest.state, state) : isEmptyUpdate(state)) return null;
	return withSystem(db, 'paper-versions', (tx) =>
		repo.insertVersion(tx, { paperId, kind: 'auto', name: null, state, createdBy: input.userId })
	);
}

/**
 * Automatic versions from the hub's events: when the last editor leaves ('idle') and, while people keep
 * editing, at most every AUTO_VERSION_MINUTES ('activity'). Returns the unsubscribe function.
 */
export function attachVersionAutosave(input: { db: Database; hub: CollabHub }): () => void {
	const { db, hub } = input;
	const run = (paperId: string, userIds: string[], minAgeMinutes: number) =>
		saveAutoVersion({ db, hub, paperId, userId: userIds[0] ?? null, minAgeMinutes }).catch((error: unknown) =>
			console.warn(`versions: automatic version of ${paperId} failed:`, String(error))
		);
	// An unload with no writers changed nothing; skipping it also keeps our own getState (which loads the
	// document again) from causing an endless load-unload cycle.
	const offIdle = hub.on('idle', (e) => {
		if (e.userIds.length > 0) void run(e.paperId, e.userIds, 0);
	});
	const offActivity = hub.on('activity', (e) => void run(e.paperId, e.userIds, AUTO_VERSION_MINUTES));
	return () => {
		offIdle();
		offActivity();
	};
}
