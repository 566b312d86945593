import type { Database } from '../db/types';
import type { CollabDocument } from './document';
import { loadSince } from './persistence';

/**
 * Re-reads the log rows above a document's watermark and applies them (idempotent): the updates a
 * lost Redis message would have carried. Seqs are allocated at insert, not commit, so the watermark
 * trails one round behind: rows below what the previous round saw have committed by now.
 */
export async function healDocument(db: Database, doc: CollabDocument): Promise<void> {
	if (!doc.isLoaded) return;
	const since = await loadSince(db, doc.id, doc.watermark);
	for (const update of since.updates) doc.applyRemote(update);
	doc.watermark = Math.max(doc.watermark, Math.min(doc.maxSeq, since.maxSeq));
	doc.maxSeq = Math.max(doc.maxSeq, since.maxSeq);
}
