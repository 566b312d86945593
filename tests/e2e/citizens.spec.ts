import fs from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, MAIN_BOARD, OTHER_BOARD, signIn, test } from './support';
import { demoDecisionYear, pastMeetingDate } from './demo-dates';

// The citizens' pages (#14) as a signed-out visitor reads them: the demo board is public, with four listed
// members, the published resolution YEAR/01 (the year it was seeded in) and the published innovation paper. The non-public item
// "Personalangelegenheiten der Geschäftsstelle" of the next meeting must never appear anywhere.

const BASE = `/p/${MAIN_BOARD}`;
const YEAR = demoDecisionYear();
const NEXT_MEETING = '00000000-0000-4000-8000-0000000000c2';
const INNOVATION_PAPER = '00000000-0000-4000-8000-000000000a01';
const RESTRICTED_PAPER = '00000000-0000-4000-8000-000000000a02';
const LAST_ITEM = '00000000-0000-4000-8000-0000000a0207';
/** What only members may read: the non-public item, its description, the restricted paper, unlisted people. */
const CONFIDENTIAL = [
	'Personalangelegenheiten',
	'Referentenstelle',
	'Flächenreserve',
	'Dr. Aylin Demir',
	'Lukas Brenner',
	'Tobias Krämer',
	'@beirat.example'
];
const PAGES = [
	BASE,
	`${BASE}/members`,
	`${BASE}/meetings`,
	`${BASE}/meetings/${NEXT_MEETING}`,
	`${BASE}/resolutions`,
	`${BASE}/resolutions/${YEAR}-01`,
	`${BASE}/papers`,
	`${BASE}/papers/${INNOVATION_PAPER}`
];

async function expectNothingConfidential(page: Page): Promise<void> {
	const html = await page.content();
	for (const text of CONFIDENTIAL) expect(html, `${page.url()} shows “${text}”`).not.toContain(text);
}

test.describe('citizens’ pages, signed out', () => {
	test('reads the board, opens a meeting with its public agenda and an attached file', async ({ page }) => {
		await page.goto(BASE);
		await expect(page.getByRole('heading', { level: 1, name: 'Wirtschaft.Hamm.2030' })).toBeVisible();
		await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
			'href',
			`${BASE}/resolutions.atom`
		);
		await expect(page.locator('link[rel="alternate"][type="text/calendar"]')).toHaveAttribute(
			'href',
			`${BASE}/meetings.ics`
		);
		await expect(page.getByRole('link', { name: 'Diese Seite als offene Daten (OParl)' })).toHaveAttribute(
			'href',
			'/oparl/v1/organization/00000000-0000-4000-8000-0000000000b1'
		);
		await expectNothingConfidential(page);

		// Through the full list: other specs may have scheduled sooner meetings for the front page's short list.
		await page
			.getByRole('navigation', { name: 'Öffentliche Seiten des Gremiums' })
			.getByRole('link', { name: 'Sitzungen' })
			.click();
		await page.getByRole('link', { name: '4. Sitzung des Beirats' }).click();
		await expect(page).toHaveURL(`${BASE}/meetings/${NEXT_MEETING}`);
		const agenda = page.locator('ol.agenda-list > li');
		await expect(agenda.locator('.agenda-number')).toHaveText(['Ö 1', 'Ö 2', 'Ö 3', 'Ö 3.1', 'Ö 4', 'Ö 5']);
		// The same times the signed-in agenda shows: the public part first, then the non-public part.
		await expect(page.locator(`#item-${LAST_ITEM}`)).toContainText('Verschiedenes');
		await expect(page.locator(`#item-${LAST_ITEM}`)).toContainText('Beginn 17:20');
		await expect(page.getByText('Zeitplan 16:00–17:30 Uhr')).toBeVisible();
		await expectNothingConfidential(page);

		const attachment = page.locator('.agenda-files a[href*="/files/"]').first();
		const href = (await attachment.getAttribute('href'))!;
		expect(href).toMatch(new RegExp(`^${BASE}/files/[0-9a-f-]{36}$`));
		const shown = await page.request.get(href);
		expect(shown.status()).toBe(200);
		expect(shown.headers()['content-disposition']).toMatch(/^inline; /);
		expect(shown.headers()['x-content-type-options']).toBe('nosniff');
		expect((await shown.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const download = await page.request.get(`${href}/download`);
		expect(download.headers()['content-disposition']).toMatch(/^attachment; /);
	});

	test('searches and filters the resolutions and opens one', async ({ page }) => {
		await page.goto(BASE);
		await page
			.getByRole('navigation', { name: 'Öffentliche Seiten des Gremiums' })
			.getByRole('link', { name: 'Beschlüsse' })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Beschlüsse' })).toBeVisible();
		const search = page.getByRole('search');
		await search.getByLabel('Suche in Nummer, Titel und Beschlusstext').fill('Ausbildungsplätze');
		await search.getByRole('button', { name: 'Suchen' }).click();
		await expect(page).toHaveURL(/\?q=Ausbildungspl/);
		await expect(page.getByText('Treffer: 1')).toBeVisible();
		await search.getByLabel('Jahr').selectOption(YEAR);
		await search.getByLabel('Art').selectOption('recommendation');
		await search.getByRole('button', { name: 'Suchen' }).click();
		await expect(page.getByText('Treffer: 0')).toBeVisible();
		await expect(page.getByText('Keine Beschlüsse gefunden.')).toBeVisible();
		await page.getByRole('link', { name: 'Alle Filter zurücksetzen' }).click();
		await expect(page).toHaveURL(`${BASE}/resolutions`);

		await page.getByRole('link', { name: new RegExp(`${YEAR}/01\\s+Eckpunkte der Ausbildungsoffensive Hamm`) }).click();
		await expect(page).toHaveURL(`${BASE}/resolutions/${YEAR}-01`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Eckpunkte der Ausbildungsoffensive Hamm');
		const facts = page.locator('dl.decision-facts');
		await expect(facts).toContainText(pastMeetingDate());
		await expect(facts).toContainText('Angenommen – 2 Ja, 0 Nein, 1 Enthaltung');
		await expect(page.getByText(/150 zusätzliche Ausbildungsplätze/)).toBeVisible();
		await page.getByRole('link', { name: 'Zum Tagesordnungspunkt' }).click();
		await expect(page).toHaveURL(/\/meetings\/00000000-0000-4000-8000-0000000000c1#item-/);

		expect((await page.request.get(`${BASE}/resolutions?year=abc`)).status()).toBe(400);
		expect((await page.request.get(`${BASE}/resolutions/${YEAR}-99`)).status()).toBe(404);
	});

	test('reads a published paper and downloads its PDF', async ({ page }) => {
		await page.goto(`${BASE}/papers`);
		await page.getByRole('link', { name: 'Handlungsfeld Innovation und Gründungen', exact: true }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Handlungsfeld Innovation und Gründungen' })
		).toBeVisible();
		await expect(page.locator('article.paper-content')).not.toBeEmpty();
		await expectNothingConfidential(page);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Als PDF herunterladen' }).click()
		]);
		const bytes = await fs.readFile((await download.path())!);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(download.suggestedFilename()).toMatch(/\.pdf$/);
		expect((await page.request.get(`${BASE}/papers/${RESTRICTED_PAPER}`)).status()).toBe(404);
		expect((await page.request.get(`${BASE}/papers/${RESTRICTED_PAPER}.pdf`)).status()).toBe(404);
	});

	test('offers the public meetings as iCalendar and the resolutions as Atom, without anything non-public', async ({
		page
	}) => {
		const ics = await page.request.get(`${BASE}/meetings.ics`);
		expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		const calendar = (await ics.text()).replace(/\r\n[ \t]/g, '');
		expect(calendar.startsWith('BEGIN:VCALENDAR')).toBe(true);
		// The demo's two meetings (other specs may have published more).
		expect(calendar.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThanOrEqual(2);
		expect(calendar).toContain('Ö 3.1  16:40  Gründungsstipendium Hamm');
		expect(calendar).not.toMatch(/Personalangelegenheiten|Referentenstelle|N 1 /);
		expect(calendar).toContain(`UID:public-${NEXT_MEETING}@127.0.0.1`);

		const atom = await page.request.get(`${BASE}/resolutions.atom`);
		expect(atom.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
		const xml = await atom.text();
		expect(xml).not.toMatch(/Personalangelegenheiten|Referentenstelle/);
		// Parsed as XML by the browser: well-formed, Atom's namespace, entries newest first with their links.
		await page.goto(BASE);
		const feed = await page.evaluate((text) => {
			const doc = new DOMParser().parseFromString(text, 'application/xml');
			const atomNs = 'http://www.w3.org/2005/Atom';
			const entries = [...doc.getElementsByTagNameNS(atomNs, 'entry')];
			return {
				error: doc.getElementsByTagName('parsererror').length,
				root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
				id: doc.documentElement.getElementsByTagNameNS(atomNs, 'id')[0]?.textContent,
				updated: entries.map((e) => e.getElementsByTagNameNS(atomNs, 'updated')[0]!.textContent!),
				titles: entries.map((e) => e.getElementsByTagNameNS(atomNs, 'title')[0]!.textContent),
				links: entries.map((e) => e.getElementsByTagNameNS(atomNs, 'link')[0]!.getAttribute('href'))
			};
		}, xml);
		expect(feed.error).toBe(0);
		expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
		expect(feed.id).toMatch(/\/p\/wirtschaft-hamm-2030\/resolutions\.atom$/);
		expect(feed.titles).toContain(`${YEAR}/01: Eckpunkte der Ausbildungsoffensive Hamm`);
		expect([...feed.updated].sort().reverse()).toEqual(feed.updated);
		for (const link of feed.links) expect((await page.request.get(link!)).status()).toBe(200);
	});

	test('lists the members who agreed to be named, nobody else', async ({ page }) => {
		await page.goto(`${BASE}/members`);
		const names = page.locator('ul.meeting-list > li strong');
		await expect(names).toHaveCount(4);
		for (const name of ['Dr. Helena Vossberg', 'Jonas Albers', 'Petra Schulte-Holtkamp', 'Sabine Wolter'])
			await expect(names.filter({ hasText: name })).toHaveCount(1);
		await expectNothingConfidential(page);
	});

	test('knows nothing of a board that is not public or of ids that are not public', async ({ page }) => {
		for (const address of [
			`/p/${OTHER_BOARD}`,
			`/p/${OTHER_BOARD}/meetings.ics`,
			`/p/${OTHER_BOARD}/resolutions.atom`,
			'/p/gibt-es-nicht',
			`${BASE}/meetings/00000000-0000-4000-8000-00000000ffff`,
			`${BASE}/meetings/kein-uuid`,
			`${BASE}/files/00000000-0000-4000-8000-00000000ffff`
		])
			expect((await page.request.get(address)).status(), address).toBe(404);
		const response = await page.goto(`/p/${OTHER_BOARD}`);
		expect(response!.status()).toBe(404);
		await expect(page.locator('main')).not.toContainText(/AG Fachkräfte|ag-fachkraefte/);
	});

	test('the same in English: meeting, resolution and paper', async ({ page }) => {
		await page.goto(BASE);
		await page.getByRole('button', { name: 'Englisch' }).click();
		await expect(page.getByRole('link', { name: 'This page as open data (OParl)' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: 'Upcoming meetings' })).toBeVisible();
		const nav = page.getByRole('navigation', { name: 'Public pages of the board' });
		await nav.getByRole('link', { name: 'Meetings' }).click();
		await page.getByRole('link', { name: '4. Sitzung des Beirats' }).click();
		await expect(page.getByRole('heading', { level: 2, name: 'Public agenda' })).toBeVisible();
		await expect(page.locator(`#item-${LAST_ITEM}`)).toContainText('Starts 17:20');
		await expectNothingConfidential(page);
		await expectNoSeriousA11yViolations(page);
		await nav.getByRole('link', { name: 'Resolutions' }).click();
		await page.getByRole('search').getByLabel('Search number, title and text').fill('Ausbildung');
		await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
		await expect(page.getByText('Results: 1')).toBeVisible();
		await page.getByRole('link', { name: new RegExp(`${YEAR}/01`) }).click();
		await expect(page.locator('dl.decision-facts')).toContainText('Adopted');
		await expectNoSeriousA11yViolations(page);
		await nav.getByRole('link', { name: 'Papers' }).click();
		await page.getByRole('link', { name: 'Handlungsfeld Innovation und Gründungen', exact: true }).click();
		const pdf = await page.request.get(`${BASE}/papers/${INNOVATION_PAPER}.pdf`);
		expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		await expect(page.getByRole('link', { name: 'Download as PDF' })).toBeVisible();
		const feed = await page.request.get(`${BASE}/resolutions.atom`);
		expect(await feed.text()).toContain('xml:lang="en"');
	});

	test('has no serious axe violations on any page type', async ({ page }) => {
		for (const address of PAGES) {
			await page.goto(address);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectNoSeriousA11yViolations(page);
		}
	});

	test('fits a 390 px phone without horizontal scrolling', async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		try {
			for (const address of PAGES) {
				await page.goto(address);
				expect(await page.evaluate(() => document.documentElement.scrollWidth), address).toBeLessThanOrEqual(390);
			}
		} finally {
			await context.close();
		}
	});

	test('prints the content without the header, navigation and feed links', async ({ page }) => {
		await page.goto(`${BASE}/meetings/${NEXT_MEETING}`);
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('.app-header')).toBeHidden();
		await expect(page.getByRole('navigation', { name: 'Öffentliche Seiten des Gremiums' })).toBeHidden();
		await expect(page.getByRole('link', { name: 'Neue Beschlüsse als Feed (Atom)' })).toBeHidden();
		await expect(page.getByRole('heading', { level: 1, name: '4. Sitzung des Beirats' })).toBeVisible();
		await expect(page.locator(`#item-${LAST_ITEM}`)).toBeVisible();
	});

	test('is usable by keyboard alone', async ({ page }) => {
		await page.goto(BASE);
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
		const target = page
			.getByRole('navigation', { name: 'Öffentliche Seiten des Gremiums' })
			.getByRole('link', { name: 'Sitzungen' });
		for (let presses = 0; presses < 15 && !(await target.evaluate((el) => el === document.activeElement)); presses++)
			await page.keyboard.press('Tab');
		await expect(target).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(`${BASE}/meetings`);
		await expect(target).toHaveAttribute('aria-current', 'page');
	});

	test('works without JavaScript: search and language switch', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		try {
			await page.goto(`${BASE}/resolutions`);
			await page.getByLabel('Suche in Nummer, Titel und Beschlusstext').fill('Ausbildung');
			await page.getByRole('button', { name: 'Suchen' }).click();
			await expect(page.getByText('Treffer: 1')).toBeVisible();
			await page.getByRole('button', { name: 'Englisch' }).click();
			await expect(page).toHaveURL(/\/resolutions\?q=Ausbildung(&|$)/);
			await expect(page.getByText('Results: 1')).toBeVisible();
		} finally {
			await context.close();
		}
	});

	test('shows a signed-in member the public subset only', async ({ page }) => {
		await signIn(page, 'member@beirat.example');
		await page.goto(`${BASE}/meetings/${NEXT_MEETING}`);
		await expect(page.locator('ol.agenda-list > li')).toHaveCount(6);
		await expectNothingConfidential(page);
	});
});
