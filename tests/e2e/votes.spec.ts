import {
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	MAIN_BOARD,
	OFFICE,
	signIn,
	test
} from './support';
import { castVote, openCircular, VOTES } from './votes-support';

const MEMBER = 'member@beirat.example';
const MEMBER2 = 'member2@beirat.example';

test.describe('circular resolutions', () => {
	test('office opens a vote, two members vote, office closes it: chart, numbers and decision log', async ({
		page,
		browser
	}) => {
		const motion = `Umlaufbeschluss E2E ${Date.now()}`;
		const title = `Gründungszuschuss ${Date.now()}`;
		await signIn(page, OFFICE);
		const url = await openCircular(page, motion, { title, kind: 'Empfehlung an den Rat' });
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

		for (const [email, choice] of [
			[MEMBER, 'Ja'],
			[MEMBER2, 'Nein']
		] as const) {
			const member = await freshPage(browser, email);
			await castVote(member.page, url, choice);
			await member.context.close();
		}
		// A third member voting yes decides it; office ends the vote early.
		const chair = await freshPage(browser, 'chair@beirat.example');
		await castVote(chair.page, url, 'Ja');
		await chair.context.close();

		await page.goto(url);
		// With more voting members than voted, office ends it early; if all have voted it closed itself.
		if ((await page.getByTestId('vote-status').textContent()) === 'offen') {
			await page.getByText('Abstimmung jetzt beenden', { exact: true }).click();
			const close = await formReady(page.locator('form[action="?/close"]'));
			await close.getByRole('button', { name: 'Ja, Abstimmung jetzt beenden' }).click();
		}
		await expect(page.getByTestId('vote-status')).toHaveText('angenommen');
		const result = page.getByRole('region', { name: 'Ergebnis' });
		await expect(result.locator('svg rect')).toHaveCount(3);
		await expect(result.getByTestId('vote-numbers')).toContainText(/Ja\s*2/);
		await expect(result.getByTestId('vote-numbers')).toContainText(/Nein\s*1/);
		await expect(result.getByText('Stimmen: Ja 2, Nein 1, Enthaltung 0')).toBeAttached();

		await page.goto(`/b/${MAIN_BOARD}/decisions`);
		// The log entry carries the resolution's title and kind.
		const entry = page.getByRole('row').filter({ hasText: title });
		await expect(entry).toBeVisible();
		await expect(entry).toContainText('Empfehlung an den Rat');
	});

	test('the votes list and a vote page have no serious accessibility violations', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		const url = await openCircular(page, `Barrierefreiheit ${Date.now()}`);
		await expectNoSeriousA11yViolations(page);
		await page.goto(VOTES);
		await expect(page.getByRole('heading', { level: 1, name: 'Umlaufbeschlüsse' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);
		// The voter's view, with the ballot form.
		const member = await freshPage(browser, MEMBER);
		await member.page.goto(url);
		await expect(member.page.getByRole('button', { name: 'Stimme abgeben' })).toBeVisible();
		await expectNoSeriousA11yViolations(member.page);
		await member.context.close();
	});
});

test('office sees the decision items of a held meeting with a form to record the result', async ({ page }) => {
	await signIn(page, OFFICE);
	await page.goto(`/b/${MAIN_BOARD}/meetings/00000000-0000-4000-8000-0000000000c1`);
	await page.getByRole('link', { name: 'Abstimmungsergebnisse erfassen' }).click();
	const item = page.getByRole('article', { name: 'Genehmigung des Protokolls der letzten Sitzung' });
	await expect(item).toBeVisible();
	await expect(
		item.getByRole('button', { name: 'Ergebnis erfassen' }).or(item.getByText('Ergebnis erfasst'))
	).toBeVisible();
	await expectNoSeriousA11yViolations(page);
});

test('recording a meeting vote shows only the fields of the chosen mode', async ({ page }) => {
	await signIn(page, OFFICE);
	await page.goto(`/b/${MAIN_BOARD}/meetings/00000000-0000-4000-8000-0000000000c1/votes`);
	const item = page
		.getByRole('article')
		.filter({ has: page.getByRole('button', { name: 'Ergebnis erfassen' }) })
		.first();
	const form = await formReady(item.locator('form'));
	await expect(form.locator('[data-mode="counts"]')).toBeVisible();
	await expect(form.locator('[data-mode="named"]')).toHaveCount(0);
	await form.getByLabel('Namentliche Abstimmung').check();
	await expect(form.locator('[data-mode="named"]')).toBeVisible();
	await expect(form.getByRole('spinbutton')).toHaveCount(0);
	await form.getByLabel('Stimmen zählen').check();
	await expect(form.getByRole('spinbutton')).toHaveCount(3);
});
