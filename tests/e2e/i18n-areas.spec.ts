import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, MAIN_BOARD, signIn, test } from './support';

// The browser loads messages per area and page (src/lib/i18n/areas.ts): no page may show a raw message key, on
// its first load, after client-side navigation to pages of other areas, and after a language switch; an English
// page downloads no German messages.

const messagesDir = path.resolve('src/lib/i18n/messages');
const KEYS = new Set(
	fs
		.readdirSync(messagesDir)
		.filter((file) => file.endsWith('.de.json'))
		.flatMap((file) => Object.keys(JSON.parse(fs.readFileSync(path.join(messagesDir, file), 'utf8'))))
);

const MEETING = '00000000-0000-4000-8000-0000000000c2';
const PAPER = '00000000-0000-4000-8000-000000000a01';
const PAGES = [
	`/b/${MAIN_BOARD}/meetings`,
	`/b/${MAIN_BOARD}/meetings/${MEETING}`,
	`/b/${MAIN_BOARD}/papers/${PAPER}`,
	`/b/${MAIN_BOARD}/decisions`,
	`/b/${MAIN_BOARD}/search?q=${encodeURIComponent('Fachkräfte')}`,
	'/profile',
	`/b/${MAIN_BOARD}/members`,
	'/notifications',
	'/'
];

/** Message keys showing as text, title or label on the page. */
async function rawKeys(page: Page): Promise<string[]> {
	const text = await page.evaluate(() => {
		const parts = [document.title, document.body.innerText];
		for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))
			for (const name of ['aria-label', 'placeholder', 'title', 'alt']) parts.push(element.getAttribute(name) ?? '');
		return parts.join('\n');
	});
	return [...new Set(text.match(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g) ?? [])].filter((word) => KEYS.has(word));
}

/**
 * No keys on the page, and no message area loaded late: src/lib/i18n/loading.svelte.ts marks each area a page
 * had not declared (it loads it then, so its keys show only for a moment).
 */
async function expectNoKeys(page: Page, where: string): Promise<void> {
	expect(await rawKeys(page), `message keys on ${where}`).toEqual([]);
	const late = await page.evaluate(() =>
		performance
			.getEntriesByType('mark')
			.map((mark) => mark.name)
			.filter((name) => name.startsWith('i18n-late-area:'))
	);
	expect(late, `message areas loaded late by ${where}`).toEqual([]);
}

/** Follows a link the way a click on one in the page does: SvelteKit's router, no document load. */
async function navigate(page: Page, href: string): Promise<void> {
	await page.evaluate((target) => {
		const link = document.createElement('a');
		link.href = target;
		document.querySelector('main')!.append(link);
		link.click();
		link.remove();
	}, href);
	await page.waitForURL((url) => url.pathname + url.search === new URL(href, url).pathname + new URL(href, url).search);
	// Checked at once (a key shown until its area arrives counts) and once the network is quiet.
	await expectNoKeys(page, `${href} right after navigating`);
	await page.waitForLoadState('networkidle');
	await expectNoKeys(page, href);
	expect(await page.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage)).toBe(true);
}

/** The JavaScript the page downloads from now on (read when called). */
function scriptsOf(page: Page): () => Promise<string[]> {
	const bodies: Promise<string>[] = [];
	page.on('response', (response) => {
		if ((response.headers()['content-type'] ?? '').includes('javascript')) bodies.push(response.text().catch(() => ''));
	});
	return () => Promise.all(bodies);
}

test('pages show messages, not keys, in German and English, across client-side navigation and a language switch', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'member@beirat.example');
	try {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await page.waitForLoadState('networkidle');
		await expectNoKeys(page, '/ (German)');
		await page.evaluate(() => ((window as unknown as { e2eSamePage: boolean }).e2eSamePage = true));
		for (const href of PAGES) await navigate(page, href);

		// The header's switch: the same page in English.
		await navigate(page, `/b/${MAIN_BOARD}/meetings/${MEETING}`);
		await page.getByRole('button', { name: 'Englisch' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
		await page.waitForLoadState('networkidle');
		await expectNoKeys(page, 'the meeting after switching to English');
		await page.evaluate(() => ((window as unknown as { e2eSamePage: boolean }).e2eSamePage = true));
		for (const href of PAGES) await navigate(page, href);

		// A fresh English page downloads English messages only.
		const downloaded = scriptsOf(page);
		await page.goto(`/b/${MAIN_BOARD}/papers/${PAPER}`);
		await page.waitForLoadState('networkidle');
		await expectNoKeys(page, 'the paper (English, first load)');
		const scripts = await downloaded();
		expect(scripts.some((body) => body.includes('Skip to content'))).toBe(true);
		expect(scripts.filter((body) => body.includes('Zum Inhalt springen'))).toEqual([]);
	} finally {
		// The demo member reads German in the other specs.
		await page.goto('/');
		const german = page.getByRole('button', { name: 'German' });
		if (await german.isVisible()) await german.click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	}
});
