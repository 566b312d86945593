import fs from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
	ADMIN,
	MAIN_BOARD,
	OFFICE,
	expect,
	expectNoSeriousA11yViolations,
	freshPage,
	newMember,
	signIn,
	submitCredentials,
	test
} from './support';
import { importPaper, selectText } from './comments-support';

/** Clicks a download link on /profile and returns the saved file's text. */
async function download(page: Page, linkName: string): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
	const path = await file.path();
	return { name: file.suggestedFilename(), text: await fs.readFile(path, 'utf8') };
}

test('a member downloads their data as JSON and as a readable document from the profile', async ({ page }) => {
	await signIn(page, 'member@beirat.example');
	await page.goto('/profile');
	const section = page.getByRole('region', { name: 'Meine Daten' });
	await expect(section).toBeVisible();

	const json = await download(page, 'Daten als JSON herunterladen');
	expect(json.name).toMatch(/^beirat-meine-daten-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(json.text);
	expect(data).toMatchObject({ format: 'beirat-personal-data', account: { email: 'member@beirat.example' } });
	expect(data.memberships.map((m: { boardSlug: string }) => m.boardSlug)).toContain(MAIN_BOARD);
	expect(json.text).not.toContain('member2@beirat.example');

	const html = await download(page, 'Lesbares Dokument (HTML) herunterladen');
	expect(html.name).toMatch(/\.html$/);
	expect(html.text).toContain('<h1>Meine Daten bei Beirat</h1>');
	expect(html.text).toContain('Mitgliedschaften und Rollen');
	await expectNoSeriousA11yViolations(page);
});

test('an admin removes a member; their comment stays, shown as "ehemaliges Mitglied"', async ({ browser }) => {
	// Invitation, acceptance, a paper with a comment and three browsers: more than the default budget.
	test.slow();
	const person = await newMember(browser, MAIN_BOARD, 'dsgvo');
	const title = `Datenschutzprobe ${Date.now()}`;
	const comment = `Anmerkung zur Fläche ${Date.now()}`;
	const paperUrl = await importPaper(person.page, {
		title,
		markdown: `# ${title}\n\nDie Gewerbeflächen werden knapp.\n`
	});
	await selectText(person.page, 'Gewerbeflächen');
	const panel = person.page.getByRole('complementary', { name: 'Kommentare' });
	const form = panel.getByTestId('new-comment');
	await expect(form).toHaveAttribute('data-e2e-enhanced', '');
	await form.getByLabel('Kommentar', { exact: true }).fill(comment);
	await form.getByRole('button', { name: 'Kommentieren' }).click();
	await expect(panel.getByRole('status')).toHaveText('Kommentar gespeichert.');

	const admin = await freshPage(browser, ADMIN);
	try {
		await admin.page.goto('/admin');
		await admin.page.getByRole('link', { name: 'Personen und Entfernen von Mitgliedern' }).click();
		await expect(admin.page.getByRole('heading', { level: 1, name: 'Personen' })).toBeVisible();
		await expectNoSeriousA11yViolations(admin.page);
		await admin.page.getByRole('link', { name: `${person.name} entfernen` }).click();
		await expect(admin.page.getByRole('heading', { level: 1, name: 'Person entfernen' })).toBeVisible();
		await expect(admin.page.getByText(person.email)).toBeVisible();
		await expectNoSeriousA11yViolations(admin.page);
		const confirm = admin.page.locator('form', {
			has: admin.page.getByRole('button', { name: 'Endgültig entfernen' })
		});
		await expect(confirm).toHaveAttribute('data-e2e-enhanced', '');
		await confirm.getByLabel('Ich habe verstanden, dass das Konto endgültig gelöscht wird.').check();
		await confirm.getByRole('button', { name: 'Endgültig entfernen' }).click();
		await expect(admin.page).toHaveURL(/\/admin\/members\?removed=1$/);
		await expect(admin.page.getByRole('status')).toHaveText('Die Person wurde entfernt.');
		await expect(admin.page.getByRole('row', { name: new RegExp(person.email) })).toHaveCount(0);
	} finally {
		await admin.context.close();
	}

	// The removed person's session ends and the password no longer works.
	await person.page.goto('/');
	await expect(person.page).toHaveURL(/\/login/);
	await submitCredentials(person.page, person.email, person.password);
	await expect(person.page.getByRole('alert')).toBeVisible();
	await person.context.close();

	// Their comment is still there, attributed to "ehemaliges Mitglied".
	const office = await freshPage(browser, OFFICE);
	try {
		await office.page.goto(`${paperUrl}/comments`);
		const thread = office.page.locator('article.comment-thread').filter({ hasText: comment });
		await expect(thread).toContainText('ehemaliges Mitglied');
		await expect(thread).not.toContainText(person.name);
	} finally {
		await office.context.close();
	}
});
