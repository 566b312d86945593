// Records accepted/rejected suggestions in the paper's history (the change itself went through the editor).
import { page } from '$app/state';
import type { SuggestionSummary } from '$lib/suggestions/suggestions';

export async function recordSuggestionDecision(input: {
	paperId: string;
	decision: 'accept' | 'reject';
	suggestions: SuggestionSummary[];
}): Promise<boolean> {
	const body = new FormData();
	body.set(
		'payload',
		JSON.stringify({
			decision: input.decision,
			suggestions: input.suggestions.map((s) => ({
				id: s.id,
				kind: s.kind,
				authorId: s.authorId || null,
				authorName: s.authorName,
				text: s.text,
				section: s.section
			}))
		})
	);
	const board = page.params.board ?? '';
	try {
		const response = await fetch(`/b/${board}/papers/${input.paperId}?/suggestionsDecided`, {
			method: 'POST',
			body,
			headers: { 'x-sveltekit-action': 'true' }
		});
		return response.ok;
	} catch {
		return false;
	}
}
