import { MARK_START, MARK_STOP } from './search.repository';
import type { Segment } from '$lib/types/search.types';

/**
 * Splits ts_headline output at its markers into plain-text segments. The page renders each segment as
 * text (hits inside <mark>), so nothing from the database is ever interpreted as HTML.
 */
export function toSegments(headline: string): Segment[] {
	const segments: Segment[] = [];
	const push = (text: string, hit: boolean) => {
		if (!text) return;
		const last = segments.at(-1);
		if (last && last.hit === hit) last.text += text;
		else segments.push({ text, hit });
	};
	const strip = (text: string) => text.replaceAll(MARK_STOP, '');
	headline.split(MARK_START).forEach((part, index) => {
		const stop = part.indexOf(MARK_STOP);
		// Text before the first start marker, or a start without a stop, is plain text.
		if (index === 0 || stop === -1) return push(strip(part), false);
		push(part.slice(0, stop), true);
		push(strip(part.slice(stop + 1)), false);
	});
	return segments;
}
