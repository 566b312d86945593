import type { Page } from '@playwright/test';
import {
	expectNoSeriousA11yViolations,
	expect,
	formReady,
	freshPage,
	MAIN_BOARD,
	newMember,
	OFFICE,
	test
} from './support';
import { liveOpen, meetingWithItems, openLive, press } from './live-support';

// The vote on people's devices inside meeting mode (#19): the chair opens a secret vote on the current decision
// item from the live page, three members see it there (one with a declared conflict gets no ballot, one is on a
// phone), the projector shows the turnout and, only after the close, the result in large type.

const PHONE = { width: 390, height: 844 };

async function vote(page: Page, choice: 'Ja' | 'Nein') {
	const ballot = await formReady(page.locator('form[action$="/vote?/cast"]'));
	await ballot.getByRole('radio', { name: choice, exact: true }).check();
	await ballot.getByRole('button', { name: 'Stimme abgeben' }).click();
	await expect(page.getByTestId('my-ballot')).toContainText('Ihre Stimme ist abgegeben.');
}

test('chair, three members and the projector see the same vote and result in meeting mode', async ({ browser }) => {
	test.setTimeout(540_000);
	const office = (await freshPage(browser, OFFICE)).page;
	const { url, items } = await meetingWithItems(office);
	const item = items[1]!; // the decision item
	const live = `${url}/live`;
	const third = await newMember(browser, MAIN_BOARD, 'voter');
	await third.context.close();

	// Dr. Aylin Demir declares a conflict of interest on the decision item.
	const aylin = (await freshPage(browser, 'member2@beirat.example')).page;
	await aylin.goto(url);
	const row = aylin
		.locator('section.agenda-panel li')
		.filter({ has: aylin.locator('.agenda-item-title', { hasText: item }) });
	await formReady(row.locator('form[action$="?/declareConflict"]'));
	await row
		.locator('summary')
		.filter({ hasText: /^Befangenheit anzeigen/ })
		.click();
	await row.getByRole('button', { name: /^Befangenheit anzeigen/ }).click();
	await expect(aylin.getByRole('status')).toContainText('Befangenheit angezeigt');
	await aylin.goto(live);
	await liveOpen(aylin);

	await office.goto(live);
	await liveOpen(office);
	const chair = await openLive(browser, 'chair@beirat.example', live);
	const jonas = (await freshPage(browser, 'member@beirat.example')).page;
	await jonas.setViewportSize(PHONE);
	await jonas.goto(live);
	await liveOpen(jonas);
	const voter = (await freshPage(browser, third.email, third.password)).page;
	await voter.goto(live);
	await liveOpen(voter);
	const projector = await openLive(browser, OFFICE, `${live}/projector`);
	const screens = [chair, jonas, aylin, voter];

	// The chair starts, everyone checks in, the chair calls the decision item.
	await press(chair, 'Sitzungsmodus starten');
	await press(jonas, 'Im Raum');
	await press(aylin, 'Online');
	await press(voter, 'Im Raum');
	await press(office, 'Dr. Helena Vossberg: im Raum');
	await expect(chair.locator('.quorum')).toContainText(/4 von \d+ Stimmberechtigten anwesend/);
	await press(chair, new RegExp(`${item} aufrufen$`));
	for (const page of screens) await expect(page.locator('#live-current').locator('..')).toContainText(item);

	// The chair opens a secret vote on the current item right in meeting mode.
	const open = await formReady(chair.locator('form[action$="/vote?/open"]').filter({ hasText: item }));
	await open.getByLabel('Geheime Abstimmung').check();
	await open.getByRole('button', { name: /^Abstimmung eröffnen\s*:/ }).click();
	for (const page of screens) await expect(page.getByTestId('vote-turnout')).toHaveText('0 von 3 haben abgestimmt');
	await expect(projector.getByTestId('projector-turnout')).toHaveText('0 von 3 haben abgestimmt');
	await expect(chair.getByTestId('running-vote')).toContainText(
		'Wegen Interessenkonflikt ausgeschlossen: Dr. Aylin Demir'
	);
	await expect(aylin.getByTestId('my-ballot')).toHaveText(
		'Sie haben zu diesem Punkt einen Interessenkonflikt erklärt und stimmen nicht mit.'
	);
	await expect(aylin.locator('form[action$="/vote?/cast"]')).toHaveCount(0);
	await expectNoSeriousA11yViolations(jonas);
	const overflow = await jonas.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	// Members vote on their devices; every screen and the projector follow the turnout, never a tally.
	await vote(jonas, 'Ja');
	await vote(voter, 'Nein');
	for (const page of screens) await expect(page.getByTestId('vote-turnout')).toHaveText('2 von 3 haben abgestimmt');
	await expect(projector.getByTestId('projector-turnout')).toHaveText('2 von 3 haben abgestimmt');
	await vote(chair, 'Ja');
	await expect(projector.getByTestId('projector-turnout')).toHaveText('3 von 3 haben abgestimmt');
	for (const page of screens) await expect(page.getByTestId('vote-result')).toHaveCount(0);
	await expect(projector.getByTestId('projector-result')).toHaveCount(0);
	await expectNoSeriousA11yViolations(projector);

	// The chair closes: every screen and the projector show the same result.
	await chair
		.locator('summary')
		.filter({ hasText: /^Abstimmung schließen/ })
		.click();
	await chair.getByRole('button', { name: /^Ja, schließen/ }).click();
	for (const page of screens) {
		await expect(page.getByTestId('no-running-vote')).toBeVisible();
		const result = page.getByTestId('vote-result').filter({ hasText: item });
		await expect(result.getByTestId('vote-outcome')).toHaveText('angenommen');
		await expect(result.getByTestId('vote-numbers')).toContainText(/Ja\s*2/);
		await expect(result.getByTestId('vote-numbers')).toContainText(/Nein\s*1/);
	}
	await expect(projector.getByTestId('projector-outcome')).toHaveText('angenommen');
	await expect(projector.getByTestId('projector-result')).toContainText(/Ja\s*2/);
	await expect(projector.getByTestId('projector-result')).toContainText(/Nein\s*1/);
	await expect(projector.getByTestId('projector-vote')).not.toContainText('Jonas Albers');
	await expectNoSeriousA11yViolations(chair);
	await expectNoSeriousA11yViolations(projector);
});
