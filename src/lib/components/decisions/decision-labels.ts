import { translate, type Locale, type MessageKey } from '$lib/i18n';

export interface VoteLike {
	yes?: number;
	no?: number;
	abstain?: number;
	unanimous?: boolean;
	consensus?: boolean;
}

export const statusKey = (status: string) => `decisions.status.${status}` as MessageKey;
export const kindKey = (kind: string) => `decisions.kind.${kind}` as MessageKey;
export const sourceKey = (source: string) => `decisions.source.${source}` as MessageKey;
export const changeKey = (change: string) => `decisions.change.${change}` as MessageKey;
export const taskStatusKey = (status: string) => `tasks.status.${status}` as MessageKey;

export function voteText(locale: Locale, vote: VoteLike): string {
	if (vote.unanimous) return translate(locale, 'decisions.vote.unanimous');
	if (vote.consensus) return translate(locale, 'decisions.vote.consensus');
	if (vote.yes === undefined && vote.no === undefined && vote.abstain === undefined)
		return translate(locale, 'decisions.vote.none');
	return translate(locale, 'decisions.vote.counted', {
		yes: vote.yes ?? 0,
		no: vote.no ?? 0,
		abstain: vote.abstain ?? 0
	});
}

/** "2026/07" -> "2026-07" for addresses. */
export const decisionSlug = (number: string) => number.replace('/', '-');
