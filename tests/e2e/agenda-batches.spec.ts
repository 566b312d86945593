import { expect, formReady, MAIN_BOARD, OFFICE, signIn, test } from './support';

const MEETINGS = `/b/${MAIN_BOARD}/meetings`;

function berlinLocal(days: number, hour: number): string {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	return `${day}T${String(hour).padStart(2, '0')}:00`;
}

test('changes after publication wait for one batch; the office sends them with "Änderungen mitteilen"', async ({
	page
}) => {
	await signIn(page, OFFICE);
	await page.goto(MEETINGS);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Titel', { exact: true }).fill(`Sitzung Sammelmitteilung ${Date.now()}`);
	await form.getByLabel('Beginn', { exact: true }).fill(berlinLocal(45, 10));
	await form.getByLabel('Ende', { exact: true }).fill(berlinLocal(45, 12));
	await form.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page).toHaveURL(new RegExp(`${MEETINGS}/[0-9a-f-]{36}$`));
	await page.goto(`${new URL(page.url()).pathname}/agenda`);

	await (
		await formReady(page.locator('form[action="?/publish"]'))
	)
		.getByRole('button', { name: 'Tagesordnung veröffentlichen' })
		.click();
	await expect(page.getByRole('heading', { name: /^Veröffentlicht am/ })).toBeVisible();
	await expect(page.locator('form[action="?/notifyChanges"]')).toHaveCount(0);

	// A change after publication: nobody is mailed yet, the office sees it waiting.
	await page.getByRole('button', { name: /^nach oben\s*:.*Verschiedenes$/ }).click();
	await expect(page.locator('#agenda-live')).toContainText('„Verschiedenes“ ist jetzt an Position 2');
	const pending = await formReady(page.locator('form[action="?/notifyChanges"]'));
	await expect(pending).toContainText('1 Änderung wurde noch nicht mitgeteilt.');
	await page.getByRole('button', { name: /^nach oben\s*:.*Genehmigung/ }).click();
	await expect(page.locator('form[action="?/notifyChanges"]')).toContainText(
		'2 Änderungen wurden noch nicht mitgeteilt.'
	);

	await (
		await formReady(page.locator('form[action="?/notifyChanges"]'))
	)
		.getByRole('button', { name: 'Änderungen mitteilen' })
		.click();
	await expect(
		page.getByText(/^Die Änderungen wurden \d+ Personen? in einer Nachricht mitgeteilt\.$/).first()
	).toBeVisible();
	await expect(page.locator('form[action="?/notifyChanges"]')).toHaveCount(0);
});
