import { translate, type Locale } from '$lib/i18n';
import { voteText } from '$lib/components/decisions/decision-labels';

export interface RecordedResult {
	yes: number;
	no: number;
	abstain: number;
	status: 'adopted' | 'rejected';
}

/**
 * The line the generated minutes show under a decision item whose result was recorded in the meeting:
 * "Ergebnis: 3 Ja, 0 Nein, 0 Enthaltungen – angenommen". The counts are worded by the decision log's
 * own voteText, so minutes and log say the same.
 */
export function resultLine(locale: Locale, result: RecordedResult): string {
	const outcome = translate(locale, result.status === 'adopted' ? 'minutes.doc.adopted' : 'minutes.doc.rejected');
	return translate(locale, 'minutes.doc.result', { votes: voteText(locale, result), outcome });
}
