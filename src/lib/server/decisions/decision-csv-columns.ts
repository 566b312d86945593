import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { voteText } from '$lib/components/decisions/decision-labels';
import type { DecisionEntry } from '$lib/types/decision.types';

const HEADER: MessageKey[] = [
	'decisions.field.number',
	'decisions.field.title',
	'decisions.field.resolution',
	'decisions.field.kind',
	'decisions.field.vote',
	'decisions.field.status',
	'decisions.field.responsible',
	'decisions.field.dueDate',
	'decisions.field.source',
	'decisions.field.recordedAt'
];

/** Translated column titles and one row per decision's current state. */
export function decisionCsvColumns(locale: Locale) {
	const tr = (key: string) => translate(locale, key as MessageKey);
	return {
		header: HEADER.map((key) => translate(locale, key)),
		row: (d: DecisionEntry): string[] => [
			d.number,
			d.title,
			d.resolution,
			tr(`decisions.kind.${d.kind}`),
			voteText(locale, d.voteResult),
			tr(`decisions.status.${d.status}`) + (d.supersededBy ? ` (${d.supersededBy})` : ''),
			d.responsible ?? '',
			d.dueDate ?? '',
			tr(`decisions.source.${d.source}`),
			d.recordedAt
		]
	};
}
