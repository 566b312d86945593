/** The round page's address. */
export function roundPath(input: { boardSlug: string; paperId: string; roundId: string }): string {
	return `/b/${input.boardSlug}/papers/${input.paperId}/rounds/${input.roundId}`;
}

export const roundLink = (origin: string, input: { boardSlug: string; paperId: string; roundId: string }) =>
	`${origin}${roundPath(input)}`;
