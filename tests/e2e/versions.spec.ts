import { readFile } from 'node:fs/promises';
import { expect, expectNoSeriousA11yViolations, formReady, signIn, test } from './support';
import { importPaper, paperText } from './comments-support';

test('a named version is created, compared with a later one and restored', async ({ page }) => {
	const title = `Versionsprobe ${Date.now()}`;
	await signIn(page, 'member@beirat.example');
	const url = await importPaper(page, { title, markdown: `## Ziele\n\nZiel sind 500 neue Arbeitsplätze.\n` });

	await page.goto(`${url}/versions`);
	const create = await formReady(page.locator('form[action="?/create"]'));
	await create.getByLabel('Name der Version').fill('Entwurf für Sitzung 12.03.');
	await create.getByRole('button', { name: 'Benannte Version speichern' }).click();
	await expect(page.getByRole('status')).toHaveText(/Version \d+ gespeichert\./);
	await expectNoSeriousA11yViolations(page);

	// Change the text in the editor, wait until it is saved, and keep that as a second version.
	await page.goto(url);
	const box = await paperText(page);
	await box.getByText('Ziel sind 500 neue Arbeitsplätze.').click();
	await page.keyboard.press('End');
	await page.keyboard.type(' Dazu kommt ein Campus.');
	await expect(page.getByTestId('saved')).toHaveText('Gespeichert');
	await page.goto(`${url}/versions`);
	const second = await formReady(page.locator('form[action="?/create"]'));
	await second.getByLabel('Name der Version').fill('Mit Campus');
	await second.getByRole('button', { name: 'Benannte Version speichern' }).click();
	await expect(page.getByRole('status')).toHaveText(/Version \d+ gespeichert\./);

	await page.getByRole('button', { name: 'Vergleichen' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: /Vergleich von Version \d+ mit Version \d+/ })
	).toBeVisible();
	const diff = page.getByTestId('version-diff');
	await expect(diff.locator('ins')).toContainText(['eingefügt']);
	await expect(diff.locator('ins').first()).toContainText('Campus');
	await expectNoSeriousA11yViolations(page);

	await page.goto(`${url}/versions`);
	// "Ansehen: Version n – …" (the numbers depend on automatic versions made meanwhile).
	await page.getByRole('link', { name: /^Ansehen\s*:\s*Version \d+ – Entwurf für Sitzung 12\.03\.$/ }).click();
	await expect(page.getByTestId('version-content')).toContainText('Ziel sind 500 neue Arbeitsplätze.');
	await expect(page.getByTestId('version-content')).not.toContainText('Campus');
	await page.getByRole('button', { name: 'Diese Version wiederherstellen' }).click();
	await expect(page.getByRole('status')).toHaveText(/Version \d+ wurde wiederhergestellt\./);

	await page.goto(url);
	const restored = await paperText(page);
	await expect(restored).toContainText('Ziel sind 500 neue Arbeitsplätze.');
	await expect(restored).not.toContainText('Campus');
	await page.goto(`${url}/versions`);
	await expect(page.getByRole('row', { name: /Vor Wiederherstellung von Version \d+/ })).toBeVisible();
});

test('a paper downloads as PDF, Word and Markdown', async ({ page }) => {
	const title = `Exportprobe Ärzte ${Date.now()}`;
	await signIn(page, 'member@beirat.example');
	const url = await importPaper(page, { title, markdown: `# Handlungsfelder\n\n- **Fachkräfte** für Hamm\n` });
	await page.goto(url);
	for (const [label, extension] of [
		['Als PDF herunterladen', 'pdf'],
		['Als Word-Datei (DOCX) herunterladen', 'docx'],
		['Als Markdown herunterladen', 'md']
	] as const) {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: label }).click()
		]);
		// Browsers take the UTF-8 name (filename*); the ASCII fallback is for older clients.
		expect(download.suggestedFilename()).toBe(`${title}.${extension}`);
		const bytes = await readFile((await download.path())!);
		if (extension === 'pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		if (extension === 'docx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
		if (extension === 'md') expect(bytes.toString('utf8')).toContain('- **Fachkräfte** für Hamm');
	}
});
