import { test, expect, signIn, freshPage, expectNoSeriousA11yViolations, OFFICE } from './support';
import { createPaper, typeAtEnd, uniqueTitle, waitForEditor } from './papers-support';
import { SEARCH, expectFoundAfterIndexing, results, searchFromHeader, uniqueWord } from './search-support';

const MEMBER = 'member@beirat.example';
const GUEST = 'guest@beirat.example';

test('a member finds a paper typed in the editor by an inflected word, from the header search box', async ({
	page
}) => {
	const title = uniqueTitle('Gründungsklima');
	const marker = uniqueWord('Quartier');
	await signIn(page, MEMBER);
	await createPaper(page, { title });
	await waitForEditor(page);
	await typeAtEnd(page, `Die Gründung neuer Betriebe im ${marker} wird gefördert.`);
	await expect(page.getByText(`im ${marker} wird`)).toBeVisible();

	// "Gründungen" is not in the text: the German stemmer finds "Gründung".
	await expectFoundAfterIndexing(page, `${SEARCH}?q=${encodeURIComponent(`Gründungen ${marker}`)}`, title);

	await page.goto(`/b/wirtschaft-hamm-2030/papers`);
	await searchFromHeader(page, /Suche im Gremium/, `Gründungen ${marker}`);
	await expect(page.getByRole('region', { name: 'Ergebnisse' }).getByRole('status')).toContainText('1 Treffer');
	const hit = results(page).filter({ hasText: title });
	await expect(hit.locator('.snippet mark').first()).toHaveText('Gründung');
	await expect(hit).toContainText('Papier');
	await expectNoSeriousA11yViolations(page);
	await hit.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('filters by kind and refuses bad input with a clear message', async ({ page }) => {
	await signIn(page, OFFICE);
	await page.goto(SEARCH);
	const form = page.getByRole('search', { name: 'Suche', exact: true });
	await form.getByLabel('Suchbegriff').fill('Fachkräftesicherung');
	await form.getByLabel('Tagesordnungspunkt').check();
	await form.getByRole('button', { name: 'Suchen' }).click();
	await expect(results(page).first()).toContainText('Tagesordnungspunkt');
	const kinds = await results(page).locator('.kind').allTextContents();
	expect(new Set(kinds)).toEqual(new Set(['Tagesordnungspunkt']));

	await form.getByLabel('Suchbegriff').fill('');
	await form.getByRole('button', { name: 'Suchen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Bitte geben Sie einen Suchbegriff ein.');

	await page.goto(`${SEARCH}?q=Hamm&from=2026-05-10&to=2026-05-01`);
	await expect(page.getByRole('alert')).toHaveText('Das Enddatum darf nicht vor dem Anfangsdatum liegen.');
	await page.goto(`${SEARCH}?q=${'x'.repeat(201)}`);
	await expect(page.getByRole('alert')).toHaveText('Der Suchbegriff darf höchstens 200 Zeichen lang sein.');
	await expectNoSeriousA11yViolations(page);
});

test('the guest does not find the non-public agenda item of their meeting, but finds a public one', async ({
	page,
	browser
}) => {
	// The office does find the non-public item: the guest's empty result is RLS, not a missing index.
	await signIn(page, OFFICE);
	await page.goto(`${SEARCH}?q=Personalangelegenheiten`);
	await expect(results(page).getByRole('link', { name: /Personalangelegenheiten der Geschäftsstelle/ })).toBeVisible();

	const { context, page: guestPage } = await freshPage(browser, GUEST);
	try {
		await guestPage.goto(`/b/wirtschaft-hamm-2030/meetings`);
		await searchFromHeader(guestPage, /Search this board/, 'Personalangelegenheiten');
		await expect(guestPage.getByRole('region', { name: 'Results' }).getByRole('status')).toHaveText(
			'No results for "Personalangelegenheiten".'
		);
		await expect(results(guestPage)).toHaveCount(0);
		await guestPage.goto(`${SEARCH}?q=Fachkr%C3%A4ftesicherung`);
		await expect(results(guestPage).getByRole('link', { name: /Fachkräftesicherung mit dem Jobcenter/ })).toBeVisible();
		await expectNoSeriousA11yViolations(guestPage);
	} finally {
		await context.close();
	}
});
