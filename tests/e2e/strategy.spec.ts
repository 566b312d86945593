import type { Page } from '@playwright/test';
import {
	test,
	expect,
	signIn,
	freshPage,
	formReady,
	expectNoSeriousA11yViolations,
	OFFICE,
	MAIN_BOARD
} from './support';
import { pdfText } from './agenda-support';
import { DECISIONS } from './decisions-support';

// The strategy map (#16): the office builds a field with a goal, a measure and an indicator, imports values
// from CSV and records the decision that starts the measure; a member reads the map and the chart; the PDF
// report holds the figures the pages show; the published field is on the citizens' pages.

const STRATEGY = `/b/${MAIN_BOARD}/strategy`;
const MEMBER = 'member@beirat.example';

async function openForm(page: Page, summary: string, action: string) {
	await page.locator('summary', { hasText: summary }).click();
	return formReady(page.locator(`form[action="?/${action}"]`));
}

async function upload(page: Page, csv: string) {
	const form = await formReady(page.locator('form[action="?/preview"]'));
	await form
		.getByLabel('CSV-Datei')
		.setInputFiles({ name: 'werte.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await form.getByRole('button', { name: 'Vorschau anzeigen' }).click();
}

/** No element wider than the viewport: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('office builds a field, goal, measure and indicator, imports a CSV and starts the measure by decision', async ({
	page
}) => {
	const stamp = Date.now();
	const field = `Digitale Wirtschaft ${stamp}`;
	const goal = `Mehr digitale Gründungen ${stamp}`;
	const measure = `Digitallotsen für Betriebe ${stamp}`;
	await signIn(page, OFFICE);
	await page.goto(STRATEGY);

	let form = await openForm(page, 'Neues Handlungsfeld', 'field');
	await form.getByLabel('Titel des Handlungsfelds').fill(field);
	await form.getByRole('button', { name: 'Handlungsfeld anlegen' }).click();
	await expect(page.getByText('Das Handlungsfeld wurde angelegt.')).toBeVisible();

	form = await openForm(page, 'Neues Ziel', 'goal');
	await form.getByLabel('Handlungsfeld').selectOption({ label: field });
	await form.getByLabel('Titel des Ziels').fill(goal);
	await form.getByRole('button', { name: 'Ziel anlegen' }).click();
	await expect(page.getByText('Das Ziel wurde angelegt.')).toBeVisible();

	form = await openForm(page, 'Neue Maßnahme', 'measure');
	await form.getByLabel('Ziel', { exact: true }).selectOption({ label: `${field}: ${goal}` });
	await form.getByLabel('Maßnahme', { exact: true }).fill(measure);
	await form.getByLabel('Verantwortlich').selectOption({ label: 'Organisation (unten nennen)' });
	await form.getByLabel('Organisation', { exact: true }).fill('IHK zu Dortmund');
	await form.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(page.getByText('Die Maßnahme wurde angelegt.')).toBeVisible();

	form = await openForm(page, 'Neuer Indikator', 'indicator');
	await form.getByLabel('Ziel', { exact: true }).selectOption({ label: `${field}: ${goal}` });
	await form.getByLabel('Indikator').fill(`Digitale Neugründungen ${stamp}`);
	await form.getByLabel('Einheit').fill('Gründungen');
	await form.getByLabel('Ausgangswert', { exact: true }).fill('40');
	await form.getByLabel('Stand des Ausgangswerts').fill('2022-12-31');
	await form.getByLabel('Zielwert', { exact: true }).fill('90');
	await form.getByLabel('Zieldatum').fill('2030-12-31');
	await form.getByRole('button', { name: 'Indikator anlegen' }).click();
	await expect(page.getByText('Der Indikator wurde angelegt.')).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	// The indicator: a file with errors shows them per row and saves nothing; a good one is saved after the preview.
	await page.getByRole('link', { name: `Digitale Neugründungen ${stamp}` }).click();
	await upload(page, 'Datum;Wert;Einheit\n2023;44;Gründungen\n2024;vierzig;Gründungen\n2024;51;Euro\n');
	await expect(page.getByText('Die Datei hat fehlerhafte Zeilen.')).toBeVisible();
	const preview = page.getByRole('table', { name: 'Zeilen der Datei' });
	await expect(preview.getByRole('row').filter({ hasText: 'Keine gültige Zahl.' })).toHaveCount(1);
	await expect(preview.getByRole('row').filter({ hasText: 'Falsche Einheit.' })).toHaveCount(1);
	await expect(page.locator('form[action="?/import"]')).toHaveCount(0);
	await expect(page.getByText('Noch keine Werte erfasst.')).toBeVisible();

	await upload(page, 'Datum;Wert;Einheit\n2023;44;Gründungen\n2024;52;Gründungen\n30.06.2025;57,5;Gründungen\n');
	const confirm = await formReady(page.locator('form[action="?/import"]'));
	await confirm.getByRole('button', { name: '3 Werte speichern' }).click();
	await expect(page.getByText('3 Werte wurden gespeichert.')).toBeVisible();
	const values = page.getByRole('table', { name: /alle Werte/ });
	await expect(values).toContainText('57,5 Gründungen');
	await expect(page.getByRole('img', { name: /Digitale Neugründungen .* Werte und Zielwert/ })).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	// The decision that starts the measure, recorded in the decision log's own form.
	await page.goto(DECISIONS);
	const record = await formReady(page.locator('form[action="?/record"]'));
	await record.getByLabel('Titel').fill(`Start: ${measure}`);
	await record.getByLabel('Beschlusstext').fill('Der Beirat startet die Digitallotsen.');
	await record.getByLabel('Ergebnisart').selectOption('unanimous');
	await record
		.getByLabel('Maßnahme', { exact: true })
		.selectOption({ label: 'Status einer bestehenden Maßnahme setzen' });
	await record.getByLabel('Bestehende Maßnahme').selectOption({ label: `${goal}: ${measure}` });
	await record.getByLabel('Stand der Maßnahme nach dem Beschluss').selectOption({ label: 'läuft' });
	await record.getByRole('button', { name: 'Beschluss erfassen' }).click();
	const status = page.getByRole('status').filter({ hasText: /Beschluss \d{4}\/\d{2,} wurde erfasst/ });
	await expect(status).toBeVisible();
	const number = (await status.locator('a').textContent())!.trim();

	await page.goto(STRATEGY);
	await page.getByRole('link', { name: measure }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(measure);
	await expect(page.locator('.strategy-facts')).toContainText('läuft');
	const history = page.getByRole('region', { name: 'Verlauf' });
	await expect(history.getByRole('link', { name: number })).toBeVisible();
	await expect(history).toContainText('hat die Maßnahme gestartet');
	await expect(history.getByRole('listitem').filter({ hasText: 'geplant' })).toHaveCount(1);
	await expectNoSeriousA11yViolations(page);

	// The decision's page names the measure it started.
	await history.getByRole('link', { name: number }).click();
	const measures = page.getByRole('region', { name: 'Maßnahmen der Strategie' });
	await expect(measures.getByRole('link', { name: measure })).toBeVisible();
	await expect(measures).toContainText('hat die Maßnahme gestartet');
});

test('a member reads the map and an indicator chart, on a phone too, and comments on a measure', async ({
	browser
}) => {
	const { context, page } = await freshPage(browser, MEMBER);
	try {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(STRATEGY);
		await expect(page.getByRole('heading', { name: 'Fachkräfte und Arbeitsmarkt', level: 2 })).toBeVisible();
		await expect(page.locator('form[action="?/field"]')).toHaveCount(0);
		await expectNoSidewaysScroll(page);
		await expectNoSeriousA11yViolations(page);

		await page.getByRole('link', { name: 'Arbeitslosenquote' }).click();
		const chart = page.getByRole('img', {
			name: /Arbeitslosenquote in %: Werte und Zielwert/
		});
		await expect(chart).toBeVisible();
		await expect(page.getByText(/7 Werte von 31\.12\.2019 bis 31\.12\.2025: von 8,1 % auf 7,6 %\./)).toBeVisible();
		const table = page.getByRole('table', { name: 'Arbeitslosenquote: alle Werte' });
		await expect(table.getByRole('row')).toHaveCount(1 + 1 + 7 + 1);
		await expect(page.locator('form[action="?/import"], form[action="?/preview"]')).toHaveCount(0);
		await expectNoSidewaysScroll(page);
		await expectNoSeriousA11yViolations(page);

		await page.goto(STRATEGY);
		await page.getByRole('link', { name: /^Ausbildungsoffensive Hamm/ }).click();
		const comment = await formReady(page.locator('form[action="?/comment"]'));
		const text = `Die Kammern melden Zwischenstand ${Date.now()}.`;
		await comment.getByLabel('Ihr Kommentar').fill(text);
		await comment.getByRole('button', { name: 'Kommentieren' }).click();
		await expect(page.getByRole('region', { name: 'Kommentare' })).toContainText(text);
		await expectNoSidewaysScroll(page);
		await expectNoSeriousA11yViolations(page);
	} finally {
		await context.close();
	}
});

test('the PDF and DOCX reports hold the figures the pages show', async ({ browser }) => {
	const { context, page } = await freshPage(browser, MEMBER);
	try {
		await page.goto(STRATEGY);
		const field = page.getByRole('region', { name: 'Fachkräfte und Arbeitsmarkt' });
		const progress = (await field.locator('.strategy-progress').first().textContent())!.trim();
		const pdf = await page.request.get(`${STRATEGY}/report.pdf`);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		const text = await pdfText(await pdf.body());
		for (const figure of [
			'Fachkräfte und Arbeitsmarkt',
			'Arbeitslosenquote',
			'7,6 % (31.12.2025)',
			'6,5 % (31.12.2030)',
			progress
		])
			expect(text).toContain(figure);
		const docx = await page.request.get(`${STRATEGY}/report.docx`);
		expect(docx.ok()).toBe(true);
		expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
	} finally {
		await context.close();
	}
});

test('the published field is on the citizens’ pages, signed out; the strategy is closed to guests', async ({
	browser
}) => {
	const { context, page } = await freshPage(browser);
	try {
		await page.goto(`/p/${MAIN_BOARD}/strategy`);
		await expect(page.getByRole('heading', { name: 'Fachkräfte und Arbeitsmarkt' })).toBeVisible();
		await expect(page.getByText('Innovation und Gründungen')).toHaveCount(0);
		await expect(page.getByRole('img', { name: /Arbeitslosenquote/ })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		const closed = await page.request.get(STRATEGY, { maxRedirects: 0 });
		expect([302, 303, 401, 403]).toContain(closed.status());
	} finally {
		await context.close();
	}
	const guest = await freshPage(browser, 'guest@beirat.example');
	try {
		const response = await guest.page.goto(STRATEGY);
		expect(response?.status()).toBe(403);
	} finally {
		await guest.context.close();
	}
});
