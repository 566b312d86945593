/** The buttons of the suggestions list: each item's own, and the bulk ones above the list. */
export type SuggestionAction = 'accept' | 'reject' | 'withdraw' | 'accept-all' | 'reject-all';

/**
 * Where the keyboard focus goes after a decision in the suggestions list removed the focused button:
 * the same button of the item that now stands where the decided one stood (or of the last item), else
 * any of that item's buttons, else the same bulk button if it is still there, else the panel's heading.
 * Never the editor: a keyboard user deciding one suggestion after another stays in the list (in the text,
 * Tab would indent a list item instead of leaving it).
 */
export function focusAfterDecision(
	panel: ParentNode,
	input: { action: SuggestionAction; index: number; heading: HTMLElement | null }
): HTMLElement | null {
	const items = [...panel.querySelectorAll<HTMLElement>('[data-suggestion-item]')];
	const item = items[Math.min(input.index, items.length - 1)];
	const inItem =
		item?.querySelector<HTMLElement>(`button[data-action="${input.action}"]`) ?? item?.querySelector('button');
	if (inItem) return inItem;
	return panel.querySelector<HTMLElement>(`button[data-action="${input.action}"]`) ?? input.heading;
}
