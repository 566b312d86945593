import { translate, type Locale, type MessageKey } from '$lib/i18n';

/**
 * "Full list" links of a dashboard section: one per board the person fully belongs to. With several
 * boards each link names its board, so the links stay distinguishable for screen readers too.
 */
export function boardLinks(input: {
	boards: { slug: string; name: string }[];
	path: string;
	label: MessageKey;
	locale: Locale;
}): { href: string; label: string }[] {
	const label = translate(input.locale, input.label);
	return input.boards.map((board) => ({
		href: `/b/${encodeURIComponent(board.slug)}/${input.path}`,
		label: input.boards.length > 1 ? translate(input.locale, 'dashboard.allIn', { label, board: board.name }) : label
	}));
}
