import { entryHash } from './decision-hash';
import type { DecisionEntry } from '$lib/types/decision.types';

export type ChainVerdict =
	| { ok: true; count: number }
	| {
			ok: false;
			count: number;
			brokenNumber: string;
			brokenRevision: number;
			brokenSeq: number;
			reason: 'hash' | 'link' | 'sequence';
	  };

/**
 * Recomputes the board's chain in append order and names the FIRST entry whose content no longer
 * matches its hash, whose link to the previous hash is broken, or whose position is missing.
 */
export function verifyChain(entries: readonly DecisionEntry[]): ChainVerdict {
	let prev = 'genesis';
	let expectedSeq = 1;
	for (const entry of entries) {
		const broken = (reason: 'hash' | 'link' | 'sequence'): ChainVerdict => ({
			ok: false,
			count: entries.length,
			brokenNumber: entry.number,
			brokenRevision: entry.revision,
			brokenSeq: Number(entry.seq),
			reason
		});
		if (Number(entry.seq) !== expectedSeq) return broken('sequence');
		if (entry.prevHash !== prev) return broken('link');
		const { id: _id, year: _year, hash, ...hashed } = entry;
		if (entryHash(hashed) !== hash) return broken('hash');
		prev = hash;
		expectedSeq++;
	}
	return { ok: true, count: entries.length };
}
