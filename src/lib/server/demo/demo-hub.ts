import type { CollabHub } from '../collab/hub';
import type { Database } from '../db/types';
import { appendUpdates, loadState } from '../collab/persistence';

/**
 * A hub for seeding before the collaboration server starts: it reads and writes the documents' stored
 * log directly, exactly what the server loads later. Nobody is connected yet, so there is nothing to close.
 */
export function offlineHub(db: Database): CollabHub {
	return {
		getState: async (paperId) => (await loadState(db, paperId)).update,
		applyUpdate: async (paperId, update, userId) => {
			await appendUpdates(db, paperId, [{ update, userId }]);
		},
		accessChanged: () => {},
		on: () => () => {}
	};
}
