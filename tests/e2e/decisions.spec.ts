import { test, expect, signIn, freshPage, formReady, expectNoSeriousA11yViolations, OFFICE } from './support';
import { DECISIONS, TASKS, recordDecisionOnPage } from './decisions-support';

const MEMBER = 'member@beirat.example';

test('office records a decision, verifies the log, and the owner completes its action item', async ({
	page,
	browser
}) => {
	const title = `Gewerbeflächen Nord ${Date.now()}`;
	await signIn(page, OFFICE);
	const number = await recordDecisionOnPage(page, title);

	await page.goto(DECISIONS);
	const row = page.getByRole('row').filter({ hasText: title });
	await expect(row).toContainText('Angenommen');
	await expect(row).toContainText('7 Ja, 1 Nein, 0 Enthaltungen');

	const verify = await formReady(page.locator('form[action="?/verify"]'));
	await verify.getByRole('button', { name: 'Beschlussbuch prüfen' }).click();
	await expect(page.getByTestId('verify-result')).toContainText('Prüfung erfolgreich');

	await row.getByRole('link', { name: number }).click();
	await expect(page).toHaveURL(new RegExp(`/decisions/${number.replace('/', '-')}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${number}: ${title}`);
	await expect(page.getByRole('heading', { name: 'Verlauf' })).toBeVisible();

	const taskTitle = `Flächenliste erstellen ${Date.now()}`;
	const taskForm = await formReady(page.locator('form[action="?/task"]'));
	await taskForm.getByLabel('Aufgabe').fill(taskTitle);
	await taskForm.getByLabel('Zuständig').selectOption({ label: 'Jonas Albers' });
	await taskForm.getByRole('button', { name: 'Aufgabe anlegen' }).click();
	await expect(page.getByText('Aufgaben: 0 von 1 erledigt')).toBeVisible();

	const { context, page: memberPage } = await freshPage(browser, MEMBER);
	try {
		await memberPage.goto(TASKS);
		const mine = memberPage.getByRole('region', { name: 'Meine Aufgaben' });
		const taskRow = mine.getByRole('row').filter({ hasText: taskTitle });
		const progress = await formReady(taskRow.locator('form[action="?/progress"]'));
		await progress.getByRole('combobox').selectOption('done');
		await progress.getByRole('button', { name: /^Speichern/ }).click();
		await expect(memberPage.getByText('Die Aufgabe wurde aktualisiert.')).toBeVisible();
		await expect(mine.getByRole('row').filter({ hasText: taskTitle }).getByRole('combobox')).toHaveValue('done');
	} finally {
		await context.close();
	}

	await page.reload();
	await expect(page.getByText('Aufgaben: 1 von 1 erledigt')).toBeVisible();
});

test('a status change is a new entry in the history', async ({ page }) => {
	const title = `Radweg Süd ${Date.now()}`;
	await signIn(page, OFFICE);
	const number = await recordDecisionOnPage(page, title);
	await page.goto(`${DECISIONS}/${number.replace('/', '-')}`);
	const form = await formReady(page.locator('form[action="?/status"]'));
	await form.getByLabel('Status').selectOption('implemented');
	await form.getByRole('button', { name: 'Status ändern' }).click();
	await expect(page.getByText('Der Status wurde geändert')).toBeVisible();
	const history = page.getByRole('region', { name: 'Verlauf' }).getByRole('listitem');
	await expect(history).toHaveCount(2);
	await expect(history.first()).toContainText('Fassung 1: Statusänderung');
	await expect(page.getByRole('region', { name: 'Aktueller Stand' })).toContainText('Umgesetzt');

	const csv = await page.request.get(`${DECISIONS}/export.csv?q=${encodeURIComponent(title)}`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = (await csv.body()).toString('utf8');
	expect(text.startsWith('\uFEFF"Nr.";"Titel"')).toBe(true);
	expect(text).toContain(`"${number}";"${title}"`);
	expect(text).toContain('"Umgesetzt"');
});

test('decision list, decision page and tasks page have no serious accessibility violations', async ({ page }) => {
	await signIn(page, OFFICE);
	const number = await recordDecisionOnPage(page, `Barrierefreiheit ${Date.now()}`);
	await page.goto(DECISIONS);
	await expectNoSeriousA11yViolations(page);
	await page.goto(`${DECISIONS}/${number.replace('/', '-')}`);
	await expectNoSeriousA11yViolations(page);
	await page.goto(TASKS);
	await expectNoSeriousA11yViolations(page);
});
