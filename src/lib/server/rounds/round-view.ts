import type { JSONContent } from '@tiptap/core';
import type { RoundFilter } from './round.schema';
import type { RoundEntry, RoundSection, RoundThread, TrackedSuggestion } from './round.types';
import { headingOrder, threadSections } from './round-sections';

/** A thread's state: answered once someone replied or resolved it, open before. */
const threadState = (thread: RoundThread) => (thread.resolved || thread.replies > 0 ? 'answered' : 'open');

function entries(
	input: { threads: RoundThread[]; suggestions: TrackedSuggestion[] },
	sectionOf: (e: RoundEntry) => string | null
) {
	const list: (RoundEntry & { section: string | null })[] = [];
	for (const t of input.threads) {
		const entry: RoundEntry = {
			id: t.id,
			kind: 'comment',
			change: null,
			authorId: t.authorId,
			authorName: t.authorName,
			text: t.body,
			quote: t.quote,
			state: threadState(t),
			replies: t.replies
		};
		list.push({ ...entry, section: sectionOf(entry) });
	}
	for (const s of input.suggestions) {
		list.push({
			id: s.id,
			kind: 'suggestion',
			change: s.kind,
			authorId: s.authorId,
			authorName: s.authorName,
			text: s.text,
			quote: '',
			state: s.state,
			replies: 0,
			section: s.section
		});
	}
	return list;
}

const matches = (filter: RoundFilter, e: RoundEntry) =>
	(filter.kind === 'all' || filter.kind === e.kind) &&
	(filter.state === 'all' || filter.state === e.state) &&
	(filter.person === '' || filter.person === e.authorId);

/**
 * The round's comments and suggestions grouped by the section they are in, sections in the paper's order
 * (text before the first heading first, sections no longer in the paper last), with counts per state.
 */
export function buildSections(input: {
	doc: JSONContent;
	threads: RoundThread[];
	suggestions: TrackedSuggestion[];
	filter: RoundFilter;
}): { sections: RoundSection[]; counts: Record<string, number>; authors: { id: string; name: string }[] } {
	const sectionOfThread = threadSections(input.doc);
	const all = entries(input, (e) => sectionOfThread.get(e.id) ?? null);
	const counts: Record<string, number> = { all: all.length, open: 0, accepted: 0, rejected: 0, answered: 0 };
	for (const e of all) counts[e.state] = (counts[e.state] ?? 0) + 1;
	const authors = new Map<string, string>();
	for (const e of all) if (e.authorId) authors.set(e.authorId, e.authorName);
	const order = [null, ...headingOrder(input.doc)];
	const bySection = new Map<string | null, RoundEntry[]>();
	for (const e of all.filter((x) => matches(input.filter, x))) {
		const { section, ...entry } = e;
		if (!bySection.has(section)) bySection.set(section, []);
		bySection.get(section)!.push(entry);
	}
	const rank = (title: string | null) => {
		const index = order.indexOf(title);
		return index < 0 ? order.length : index;
	};
	const sections = [...bySection.entries()]
		.sort(([a], [b]) => rank(a) - rank(b))
		.map(([title, list]) => ({ title, entries: list }));
	return { sections, counts, authors: [...authors].map(([id, name]) => ({ id, name })) };
}
