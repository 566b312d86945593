import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD, OFFICE, signIn, test } from './support';
import { uniqueTitle } from './agenda-support';
import { selectText } from './comments-support';
import { type CreateForm, expectOne, listed, withoutScript, withScript } from './double-submit-support';

// The record (#11) on papers: a comment thread, a reply, a named version and an import sent twice make one each.
// With JavaScript the button is busy and cannot be pressed again; without it both posts reach the server,
// which finds the form's one-time token on the first row. The panel beside the editor (JavaScript only)
// makes its tokens in the browser; the comments and versions pages get theirs from the page's load.

const TEXT = 'Die Innenstadt braucht mehr Gründerflächen und schnelles Netz.';
/** Positions of `word` in the paper's only paragraph (ProseMirror: its content starts at 1). */
const range = (word: string) => ({
	from: String(1 + TEXT.indexOf(word)),
	to: String(1 + TEXT.indexOf(word) + word.length),
	quote: word
});

/** A new thread from the panel beside the editor; each fill comments on another word of the text. */
function thread(paperUrl: string): CreateForm {
	const words = ['Innenstadt', 'Gründerflächen', 'Netz'];
	return {
		url: paperUrl,
		action: `${paperUrl}/comments?/create`,
		submit: 'Kommentieren',
		fill: async (form, title) => {
			await selectText(form.page(), words.shift()!);
			await form.getByLabel('Kommentar', { exact: true }).fill(title);
		},
		fields: (title) => ({ body: title, ...range('schnelles'), mentions: '' }),
		settled: async (page, title) => {
			const panel = page.getByRole('complementary', { name: 'Kommentare' });
			await expect(panel.getByRole('status')).toHaveText('Kommentar gespeichert.');
			await expect(panel.locator('article.comment-thread').filter({ hasText: title })).toBeVisible();
		},
		count: listed(() => `${paperUrl}/comments`)
	};
}

/** A reply on the comments page, which lists the paper's one thread. */
function reply(paperUrl: string, threadId: string): CreateForm {
	return {
		url: `${paperUrl}/comments`,
		action: '?/reply',
		submit: 'Antworten',
		fill: async (form, title) => form.getByLabel('Antwort').fill(title),
		fields: (title) => ({ threadId, body: title, mentions: '' }),
		settled: async (page, title) => expect(page.locator('main .comment-body').filter({ hasText: title })).toBeVisible(),
		count: listed(() => `${paperUrl}/comments`)
	};
}

function version(paperUrl: string): CreateForm {
	const url = `${paperUrl}/versions`;
	return {
		url,
		action: '?/create',
		submit: 'Benannte Version speichern',
		fill: async (form, title) => form.getByLabel('Name der Version').fill(title),
		fields: (title) => ({ name: title }),
		settled: async (page) =>
			expect(page.getByRole('status').filter({ hasText: /^Version \d+ gespeichert\.$/ })).toBeVisible(),
		count: async (page) => {
			await page.goto(url);
			return (await page.locator('main tbody th').allTextContents()).map((label) =>
				label.replace(/^Version \d+ – /, '').trim()
			);
		}
	};
}

/**
 * A paper with the sample text from the import page's form, posted twice with its one-time token (a
 * resent upload): both answers lead to the same paper. Returns its address.
 */
async function importTwice(page: Page, prefix: string): Promise<string> {
	await page.goto(`/b/${MAIN_BOARD}/papers/import`);
	const formToken = (await page
		.locator('form[enctype="multipart/form-data"] input[name="formToken"]')
		.getAttribute('value'))!;
	const origin = new URL(page.url()).origin;
	const title = uniqueTitle(prefix);
	const post = () =>
		page.request.post(`${origin}/b/${MAIN_BOARD}/papers/import`, {
			multipart: {
				title,
				formToken,
				file: { name: 'papier.md', mimeType: 'text/markdown', buffer: Buffer.from(`${TEXT}\n`, 'utf8') }
			},
			// As a browser without JavaScript sends it: the answer is the redirect to the paper.
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
	const first = await post();
	const again = await post();
	expect(first.status()).toBe(303);
	expect(again.status()).toBe(303);
	const paperUrl = first.headers()['location']!;
	expect(paperUrl).toMatch(new RegExp(`^/b/${MAIN_BOARD}/papers/[0-9a-f-]{36}$`));
	expect(again.headers()['location']).toBe(paperUrl);
	await page.goto(`/b/${MAIN_BOARD}/papers?q=${encodeURIComponent(title)}`);
	await expect(page.locator('main').getByText(title, { exact: true })).toHaveCount(1);
	return paperUrl;
}

test.describe('a paper form sent twice makes one record', () => {
	// Each test loads the editor page and its forms a dozen times, with and without JavaScript.
	test.describe.configure({ timeout: 180_000 });

	test('open a comment thread', async ({ page }) => {
		await signIn(page, OFFICE);
		const spec = thread(await importTwice(page, 'Doppelt kommentiert'));
		// The panel's thread form exists only with JavaScript.
		await withScript(page, spec, 'Doppelkommentar');
		// The same panel form posted twice more with one token (a resent request): one thread.
		const body = uniqueTitle('Doppelkommentar erneut');
		const origin = new URL(page.url()).origin;
		const formToken = randomUUID();
		for (let i = 0; i < 2; i++) {
			const response = await page.request.post(`${origin}${spec.action}`, {
				form: { ...spec.fields(body), formToken },
				headers: { origin },
				maxRedirects: 0
			});
			expect(response.status(), `repeat ${i + 1}`).toBeLessThan(400);
		}
		await expectOne(page, spec, body);
	});

	test('answer a comment thread', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		const paperUrl = await importTwice(page, 'Doppelt beantwortet');
		// One thread, so the comments page shows one reply form.
		const opening = thread(paperUrl);
		await page.goto(paperUrl);
		const form = await formReady(page.locator(`form[action="${opening.action}"]`));
		await opening.fill(form, 'Welche Flächen?');
		await form.getByRole('button', { name: opening.submit }).click();
		await opening.settled(page, 'Welche Flächen?');
		const threadId = (await page.locator('article.comment-thread').getAttribute('id'))!.replace(/^thread-/, '');
		const spec = reply(paperUrl, threadId);
		await withScript(page, spec, 'Doppelantwort');
		await withoutScript(browser, spec, 'Doppelantwort');
	});

	test('save a named version', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		const spec = version(await importTwice(page, 'Doppelt gespeichert'));
		await withScript(page, spec, 'Doppelversion');
		await withoutScript(browser, spec, 'Doppelversion');
	});
});
