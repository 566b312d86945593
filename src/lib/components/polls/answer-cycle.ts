import { deserialize } from '$app/forms';

export type Answer = 'yes' | 'maybe' | 'no';

/** Clicking one's own cell steps through yes → if need be → no → yes (an empty cell starts at yes). */
export function nextAnswer(current: Answer | undefined): Answer {
	return current === 'yes' ? 'maybe' : current === 'maybe' ? 'no' : 'yes';
}

/** ARIA's tri-state toggle: yes pressed, if need be mixed, no (or none) not pressed. */
export function pressedOf(answer: Answer | undefined): 'true' | 'mixed' | 'false' {
	return answer === 'yes' ? 'true' : answer === 'maybe' ? 'mixed' : 'false';
}

/**
 * Saves one answer through the page's `answer` form action (the same one the form below the grid
 * posts without JavaScript). Resolves to null on success, otherwise to the server's message.
 */
export async function saveAnswer(slotId: string, answer: Answer): Promise<string | null> {
	const body = new FormData();
	body.set(`answer-${slotId}`, answer);
	const response = await fetch('?/answer', {
		method: 'POST',
		body,
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const result = deserialize(await response.text());
	if (result.type === 'success') return null;
	if (result.type === 'failure' && typeof result.data?.message === 'string') return result.data.message;
	return '';
}
