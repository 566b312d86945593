import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, formReady, OFFICE, signIn, test } from './support';
import { importPaper, paperText } from './comments-support';

const MEMBER = 'member@beirat.example';

/** Saves a named version on the paper's versions page and returns its number. */
async function saveVersion(page: Page, url: string, name: string): Promise<number> {
	await page.goto(`${url}/versions`);
	const create = await formReady(page.locator('form[action="?/create"]'));
	await create.getByLabel('Name der Version').fill(name);
	await create.getByRole('button', { name: 'Benannte Version speichern' }).click();
	const status = page.getByRole('status');
	await expect(status).toHaveText(/^Version \d+ gespeichert\.$/);
	return Number((await status.textContent())!.match(/\d+/)![0]);
}

/** The compare page of version `number` against the current text: heading, links, and the word diff. */
async function expectComparedWithCurrent(page: Page, number: number): Promise<void> {
	await expect(
		page.getByRole('heading', { level: 1, name: `Vergleich von Version ${number} mit dem aktuellen Text` })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Aktueller Text', exact: true })).toBeVisible();
	const diff = page.getByTestId('version-diff');
	await expect(diff.locator('ins')).toHaveCount(1);
	await expect(diff.locator('ins')).toContainText('Dazu kommt ein Campus.');
	await expect(diff.locator('del')).toHaveCount(0);
	await expect(diff).toContainText('Ziel sind 500 neue Arbeitsplätze.');
}

test('a saved version is compared with the current text, with and without JavaScript', async ({ page, browser }) => {
	await signIn(page, MEMBER);
	const url = await importPaper(page, {
		title: `Vergleich mit aktuellem Text ${Date.now()}`,
		markdown: 'Ziel sind 500 neue Arbeitsplätze.\n'
	});
	const number = await saveVersion(page, url, 'Ausgangsstand');

	// The text changes after the version was saved, and is not saved as a version itself.
	await page.goto(url);
	const box = await paperText(page);
	await box.getByText('Ziel sind 500 neue Arbeitsplätze.').click();
	await page.keyboard.press('End');
	await page.keyboard.type(' Dazu kommt ein Campus.');
	await expect(page.getByTestId('saved')).toHaveText('Gespeichert');

	// With JavaScript: the compare form offers the current text as the newer side.
	await page.goto(`${url}/versions`);
	const form = page.locator('form.version-compare');
	await expect(
		form.getByRole('heading', { name: 'Version mit einer anderen oder mit dem aktuellen Text vergleichen' })
	).toBeVisible();
	await form.getByLabel('Ältere Version').selectOption({ label: `Version ${number} – Ausgangsstand` });
	await form.getByLabel('Neuere Version oder aktueller Text').selectOption({ label: 'Aktueller Text' });
	await form.getByRole('button', { name: 'Vergleichen' }).click();
	await expect(page).toHaveURL(/\/versions\/compare\?a=[0-9a-f-]{36}&b=current$/);
	await expectComparedWithCurrent(page, number);
	await expectNoSeriousA11yViolations(page);

	// Without JavaScript, as another reader: the link in the version's row, the form, and the version's own page.
	const office = await browser.newContext({ javaScriptEnabled: false });
	try {
		const plain = await office.newPage();
		await plain.goto('/login');
		await plain.locator('#field-email').fill(OFFICE);
		await plain.locator('#field-password').fill('beirat-demo');
		await plain.getByRole('button', { name: 'Anmelden' }).click();
		await expect(plain).not.toHaveURL(/\/login/);

		await plain.goto(`${url}/versions`);
		await plain
			.getByRole('link', {
				name: new RegExp(`^Mit aktuellem Text vergleichen\\s*:\\s*Version ${number} – Ausgangsstand$`)
			})
			.click();
		await expectComparedWithCurrent(plain, number);

		await plain.goto(`${url}/versions`);
		const plainForm = plain.locator('form.version-compare');
		await plainForm.getByLabel('Ältere Version').selectOption({ label: `Version ${number} – Ausgangsstand` });
		await plainForm.getByLabel('Neuere Version oder aktueller Text').selectOption({ label: 'Aktueller Text' });
		await plainForm.getByRole('button', { name: 'Vergleichen' }).click();
		await expectComparedWithCurrent(plain, number);

		await plain.getByRole('link', { name: `Version ${number} – Ausgangsstand` }).click();
		await expect(plain.getByTestId('version-content')).not.toContainText('Campus');
		await plain.getByRole('link', { name: 'Mit aktuellem Text vergleichen', exact: true }).click();
		await expectComparedWithCurrent(plain, number);

		// Both sides "current" is no comparison: refused like an unknown version.
		expect((await plain.goto(`${url}/versions/compare?a=current&b=current`))?.status()).toBe(404);
	} finally {
		await office.close();
	}
});
