/**
 * Colours of people in a paper (caret, name label, presence dot). A fixed palette of well-separated hex
 * colours (the caret extension accepts only `#rrggbb`), each at least 3:1 against the white page (WCAG 1.4.11,
 * non-text contrast), so a caret is visible whoever it belongs to.
 */
export const PERSON_PALETTE = [
	'#c62828', // red
	'#1565c0', // blue
	'#2e7d32', // green
	'#6a1b9a', // purple
	'#e65100', // orange
	'#00838f', // teal
	'#ad1457', // raspberry
	'#827717', // olive
	'#4e342e', // brown
	'#d500f9' // violet
] as const;

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Whether `value` is a colour the caret extension draws (`#rrggbb`). */
export function isHexColour(value: unknown): value is string {
	return typeof value === 'string' && HEX_COLOUR.test(value);
}

/**
 * A stable colour per person (the server puts it into the ticket and so into everyone's awareness).
 * Ids that differ only in their last character (the demo accounts) get neighbouring, hence different, colours.
 */
export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PERSON_PALETTE[hash % PERSON_PALETTE.length]!;
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
	const channel = (offset: number) => {
		const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
		return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
	const [x, y] = [relativeLuminance(a), relativeLuminance(b)];
	return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Text colour for a name label on `background`: white or black, whichever reads better. */
export function labelTextFor(background: string): '#ffffff' | '#000000' {
	return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}
