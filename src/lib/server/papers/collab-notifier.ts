import { getCollabHub } from '../collab/collab-process';
import type { CollabNotifier } from './paper.service';

/**
 * Tells the collaboration hub that a paper's access changed. The change is already committed when
 * this runs: a hub that is not running (no open sockets to close) must not turn it into an error.
 */
export const hubNotifier: CollabNotifier = {
	accessChanged(scope) {
		try {
			getCollabHub().accessChanged(scope);
		} catch (error) {
			console.warn('papers: collab hub not told about an access change:', String(error));
		}
	}
};
