import type { Page } from '@playwright/test';
import { expect, freshPage, OFFICE, test } from './support';
import { createPaper, typeAtEnd, uniqueTitle, waitForEditor } from './papers-support';

const MEMBER = 'member@beirat.example';

interface Rgba {
	r: number;
	g: number;
	b: number;
	a: number;
}

/** A computed CSS colour (`rgb(…)` / `rgba(…)`, as Chromium reports it) as numbers. */
function parseColour(css: string): Rgba {
	const match = css.match(/^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/);
	if (!match) throw new Error(`not a computed rgb colour: ${css}`);
	return {
		r: Number(match[1]),
		g: Number(match[2]),
		b: Number(match[3]),
		a: match[4] === undefined ? 1 : Number(match[4])
	};
}

/** WCAG 2 relative luminance. */
function luminance({ r, g, b }: Rgba): number {
	const linear = (channel: number) => {
		const value = channel / 255;
		return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio. */
function contrast(x: Rgba, y: Rgba): number {
	const [p, q] = [luminance(x), luminance(y)];
	return (Math.max(p, q) + 0.05) / (Math.min(p, q) + 0.05);
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** The colours `page` shows for `name`: the remote caret's line, its label (background and text), the presence dot. */
async function coloursOf(page: Page, name: string) {
	const label = page.locator('.collaboration-carets__label', { hasText: name });
	const caret = page.locator('.collaboration-carets__caret', { has: label });
	await expect(caret).toBeVisible();
	const dot = page.getByTestId('presence').getByRole('listitem').filter({ hasText: name }).locator('.presence-dot');
	const read = async () => ({
		caret: await caret.evaluate((el) => getComputedStyle(el).borderLeftColor),
		label: await label.evaluate((el) => getComputedStyle(el).backgroundColor),
		labelText: await label.evaluate((el) => getComputedStyle(el).color),
		dot: await dot.evaluate((el) => getComputedStyle(el).backgroundColor)
	});
	// The caret is a decoration the editor draws anew on awareness updates: an element found a moment before it was
	// replaced has no computed style (""). Read again until every part was read while attached.
	let seen = await read();
	await expect(async () => {
		seen = await read();
		expect(Object.values(seen), 'every part read while attached').not.toContain('');
	}).toPass({ timeout: 5_000 });
	return seen;
}

/** The presence dot `page` shows for its own person. */
async function ownDot(page: Page, name: string): Promise<string> {
	const dot = page
		.getByTestId('presence')
		.getByRole('listitem')
		.filter({ hasText: `${name} (Sie)` })
		.locator('.presence-dot');
	return dot.evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** One person's colour as another sees it: one opaque colour for caret, label and dot, visible on white, readable label. */
function expectVisibleColour(seen: Awaited<ReturnType<typeof coloursOf>>): string {
	expect(seen.label, 'label background = caret').toBe(seen.caret);
	expect(seen.dot, 'presence dot = caret').toBe(seen.caret);
	const colour = parseColour(seen.caret);
	expect(colour.a, `${seen.caret} is not transparent`).toBe(1);
	expect(contrast(colour, WHITE), `${seen.caret} on white`).toBeGreaterThanOrEqual(3);
	expect(
		contrast(parseColour(seen.labelText), colour),
		`label text ${seen.labelText} on ${seen.caret}`
	).toBeGreaterThanOrEqual(4.5);
	return seen.caret;
}

test('co-editors see each other in distinct colours that are visible on white, in caret, label and presence list', async ({
	browser
}) => {
	const office = await freshPage(browser, OFFICE);
	const member = await freshPage(browser, MEMBER);
	try {
		const address = await createPaper(office.page, { title: uniqueTitle('Farben') });
		await member.page.goto(address);
		await waitForEditor(office.page);
		await waitForEditor(member.page);
		await typeAtEnd(office.page, 'Satz aus der Geschäftsstelle.');
		await typeAtEnd(member.page, 'Satz von Jonas Albers.');

		const memberAsSeenByOffice = expectVisibleColour(await coloursOf(office.page, 'Jonas Albers'));
		const officeAsSeenByMember = expectVisibleColour(await coloursOf(member.page, 'Sabine Wolter'));
		expect(memberAsSeenByOffice).not.toBe(officeAsSeenByMember);
		// Each person has one colour: the dot in their own list is the one the other sees.
		expect(await ownDot(office.page, 'Sabine Wolter')).toBe(officeAsSeenByMember);
		expect(await ownDot(member.page, 'Jonas Albers')).toBe(memberAsSeenByOffice);
	} finally {
		await Promise.all([office.context.close(), member.context.close()]);
	}
});
