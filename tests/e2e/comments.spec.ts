import { expect, expectNoSeriousA11yViolations, freshPage, signIn, test } from './support';
import { importPaper, selectText } from './comments-support';

test('a comment on selected text is answered by another member and resolved', async ({ page, browser }) => {
	const title = `Kommentarprobe ${Date.now()}`;
	await signIn(page, 'member@beirat.example');
	const url = await importPaper(page, {
		title,
		markdown: `# ${title}\n\nDie Innenstadt braucht mehr Gründerflächen.\n`
	});

	await selectText(page, 'Gründerflächen');
	const panel = page.getByRole('complementary', { name: 'Kommentare' });
	const form = panel.getByTestId('new-comment');
	await expect(form).toHaveAttribute('data-e2e-enhanced', '');
	await form.getByLabel('Kommentar', { exact: true }).fill('Welche Flächen sind gemeint?');
	await form.getByRole('button', { name: 'Kommentieren' }).click();
	await expect(panel.getByRole('status')).toHaveText('Kommentar gespeichert.');
	const thread = panel.locator('article.comment-thread').filter({ hasText: 'Welche Flächen sind gemeint?' });
	await expect(thread).toContainText('Zur Textstelle „Gründerflächen“');
	// The mark reaches the editor through the collaboration server.
	await expect(page.locator('.paper-content-wrap .comment-anchor')).toHaveText('Gründerflächen');

	const other = await freshPage(browser, 'member2@beirat.example');
	try {
		await other.page.goto(url);
		const otherPanel = other.page.getByRole('complementary', { name: 'Kommentare' });
		const otherThread = otherPanel
			.locator('article.comment-thread')
			.filter({ hasText: 'Welche Flächen sind gemeint?' });
		const reply = otherThread.locator('form.comment-reply');
		await expect(reply).toHaveAttribute('data-e2e-enhanced', '');
		await reply.getByLabel('Antwort').fill('Die Flächen am Bahnhof.');
		await reply.getByRole('button', { name: 'Antworten' }).click();
		await expect(otherThread).toContainText('Die Flächen am Bahnhof.');
		await otherThread.getByRole('button', { name: 'Als erledigt markieren' }).click();
		await expect(otherPanel.getByRole('heading', { name: 'Offene Kommentare (0)' })).toBeVisible();
		await expect(otherPanel.getByText('Erledigte Kommentare (1)')).toBeVisible();
	} finally {
		await other.context.close();
	}

	// The author sees the answer and the resolution on the comments page (works without JavaScript too).
	await page.goto(`${url}/comments`);
	const resolved = page.getByRole('region', { name: /Erledigte Kommentare/ });
	await expect(resolved).toContainText('Die Flächen am Bahnhof.');
	await expect(resolved).toContainText(/Erledigt von/);
	await expectNoSeriousA11yViolations(page);
});
