import { readFile } from 'node:fs/promises';
import { test, expect, signIn, freshPage, expectNoSeriousA11yViolations, OFFICE } from './support';
import { AUDIT, createMeetingOnPage, renameMeetingOnPage } from './audit-support';

const MEMBER = 'member@beirat.example';

test('office renames a meeting and finds the change, with before and after, in the audit trail and its CSV', async ({
	page
}) => {
	const stamp = Date.now();
	const before = `Audit-Sitzung ${stamp}`;
	const after = `Audit-Sitzung ${stamp} (verlegt)`;
	await signIn(page, OFFICE);
	await createMeetingOnPage(page, before);
	await renameMeetingOnPage(page, after);

	await page.getByRole('navigation').getByRole('link', { name: 'Änderungsverlauf' }).click();
	await expect(page).toHaveURL(AUDIT);
	await expect(page.getByRole('heading', { level: 1, name: 'Änderungsverlauf' })).toBeVisible();

	// The GET filter: kind and free text on the object.
	const filter = page.getByRole('region', { name: 'Filter' });
	await filter.getByLabel('Art').selectOption({ label: 'Sitzung' });
	await filter.getByLabel('Suche im Objekt (Titel, Name, ID)').fill(String(stamp));
	await filter.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/kind=meetings/);

	const rows = page.getByTestId('audit-row');
	await expect(rows).toHaveCount(2);
	const changed = rows.filter({ hasText: 'Sitzung geändert' });
	await expect(changed).toContainText(`Sitzung: ${after}`);
	await expect(changed).toContainText('Sabine Wolter');
	await expect(rows.filter({ hasText: 'Sitzung angelegt' })).toHaveCount(1);

	await changed.getByText('Änderungen anzeigen').click();
	const titleChange = changed.getByRole('row', { name: /^Titel/ });
	await expect(titleChange.getByRole('cell').nth(0)).toHaveText(before);
	await expect(titleChange.getByRole('cell').nth(1)).toHaveText(after);
	await expectNoSeriousA11yViolations(page);

	// A date range that ends before the change shows nothing; back to the previous filter.
	await filter.getByLabel('Bis (Datum)').fill('2020-01-01');
	await filter.getByRole('button', { name: 'Filtern' }).click();
	await expect(page.getByText('Keine Einträge gefunden.')).toBeVisible();
	await page.goBack();
	await expect(rows).toHaveCount(2);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Als CSV exportieren (Excel)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('aenderungsverlauf-wirtschaft-hamm-2030.csv');
	const csv = await readFile((await download.path())!, 'utf8');
	expect(csv.startsWith('\uFEFF"Zeit";"Person";"Was";"Objekt";"Details"\r\n')).toBe(true);
	expect(csv).toContain(`"Sitzung geändert";"Sitzung: ${after}";"Titel: ${before} → ${after}`);
	expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
});

test('members do not see the audit trail: no navigation entry, and the address is refused', async ({ browser }) => {
	const { context, page } = await freshPage(browser, MEMBER);
	try {
		await page.goto(`/b/wirtschaft-hamm-2030/meetings`);
		await expect(page.getByRole('navigation').getByRole('link', { name: 'Änderungsverlauf' })).toHaveCount(0);
		const response = await page.goto(AUDIT);
		expect(response?.status()).toBe(403);
		const csv = await page.request.get(`${AUDIT}/export.csv`);
		expect(csv.status()).toBe(403);
		expect(await csv.text()).not.toContain('Sitzung');
	} finally {
		await context.close();
	}
});

test('the platform admin reads every board’s trail and narrows it to one board', async ({ page }) => {
	await signIn(page, 'admin@beirat.example');
	await page.goto('/admin');
	await page.getByRole('link', { name: 'Änderungsverlauf aller Gremien' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Änderungsverlauf aller Gremien' })).toBeVisible();
	const filter = page.getByRole('region', { name: 'Filter' });
	await filter.getByLabel('Gremium').selectOption({ label: 'AG Fachkräfte' });
	await filter.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/board=/);
	const boards = page.getByTestId('audit-row').locator('xpath=./td[2]');
	await expect(boards.first()).toHaveText('AG Fachkräfte');
	expect(new Set(await boards.allTextContents())).toEqual(new Set(['AG Fachkräfte']));
	await expectNoSeriousA11yViolations(page);
});
