import type { CollabHub } from '../collab/hub';
import { toMarkdown } from '../export/markdown';
import { stateToJSON } from '../documents/paper-document';

/**
 * A paper's current text for the board book, read from its collaboration document (Markdown-like plain
 * text). The hub reads past RLS: callers pass only papers the reader was shown under RLS.
 */
export function paperTextReader(hub: Pick<CollabHub, 'getState'>): (paperId: string) => Promise<string | null> {
	return async (paperId) => {
		const text = toMarkdown(stateToJSON(await hub.getState(paperId))).trim();
		return text || null;
	};
}
