import type { Browser, Page } from '@playwright/test';
import {
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	MAIN_BOARD,
	newMember,
	OFFICE,
	DEMO_PASSWORD,
	test
} from './support';
import { addItem, uniqueTitle } from './agenda-support';
import { scheduleByPoll } from './meetings-support';
import { minutesStep, minutesUrl } from './minutes-support';

// Votes in the meeting on people's own devices (#19): the chair opens a vote on a decision item, three members
// vote on their own devices (one has declared a conflict and is refused, one votes without JavaScript), the
// chair's and the members' screens follow the turnout live, the chair closes, and the result reaches the
// minutes and the decision log with the same numbers.

const CHAIR = 'chair@beirat.example';
const MEMBER = 'member@beirat.example';
const MEMBER2 = 'member2@beirat.example';
const PHONE = { width: 390, height: 844 };

const voteUrl = (meetingId: string) => `/b/${MAIN_BOARD}/meetings/${meetingId}/vote`;

/** A phone-sized page of `email` on the meeting's vote page; without JavaScript the forms post plainly. */
async function onPhone(
	browser: Browser,
	email: string,
	meetingId: string,
	javaScript = true,
	password = DEMO_PASSWORD
) {
	if (javaScript) {
		const { context, page } = await freshPage(browser, email, password);
		await page.setViewportSize(PHONE);
		await page.goto(voteUrl(meetingId));
		return { context, page };
	}
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#field-email').fill(email);
	await page.locator('#field-password').fill(password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await page.goto(voteUrl(meetingId));
	return { context, page };
}

async function expectFitsPhone(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

test('the chair opens a vote, members vote on their devices, the result reaches the minutes and the log', async ({
	browser
}) => {
	test.setTimeout(540_000);
	// The office prepares a meeting with a decision item; a third voting member joins the board.
	const office = await freshPage(browser, OFFICE);
	const meetingId = await scheduleByPoll(browser, office.page, uniqueTitle('Sitzung Abstimmung'));
	await office.page.goto(`/b/${MAIN_BOARD}/meetings/${meetingId}/agenda`);
	const item = uniqueTitle('Gründerzentrum');
	await addItem(office.page, { title: item, kind: 'Beschluss' });
	const third = await newMember(browser, MAIN_BOARD, 'voter');
	await third.context.close();

	// Everyone is recorded present (the office's attendance form).
	await office.page.goto(`/b/${MAIN_BOARD}/meetings/${meetingId}`);
	const attendance = await formReady(office.page.locator('form[action="?/attendance"]'));
	for (const name of ['Dr. Helena Vossberg', 'Jonas Albers', 'Dr. Aylin Demir', third.name])
		await attendance.getByLabel(`${name} anwesend`).check();
	await attendance.getByRole('button', { name: 'Anwesenheit speichern' }).click();
	await expect(office.page.getByText('Die Anwesenheit ist gespeichert.')).toBeVisible();

	// Dr. Aylin Demir declares a conflict of interest on the item.
	const conflicted = await onPhone(browser, MEMBER2, meetingId);
	await conflicted.page.goto(`/b/${MAIN_BOARD}/meetings/${meetingId}`);
	const row = conflicted.page
		.locator('section.agenda-panel li')
		.filter({ has: conflicted.page.locator('.agenda-item-title', { hasText: item }) });
	await formReady(row.locator('form[action$="?/declareConflict"]'));
	await row
		.locator('summary')
		.filter({ hasText: /^Befangenheit anzeigen/ })
		.click();
	await row.getByRole('button', { name: /^Befangenheit anzeigen/ }).click();
	await expect(conflicted.page.getByRole('status')).toContainText('Befangenheit angezeigt');

	// The chair opens a secret vote on the item.
	const chair = await freshPage(browser, CHAIR);
	await chair.page.goto(voteUrl(meetingId));
	const open = await formReady(chair.page.locator('form[action$="?/open"]').filter({ hasText: item }));
	await open.getByLabel('Geheime Abstimmung').check();
	await open.getByRole('button', { name: /^Abstimmung eröffnen\s*:/ }).click();
	const turnout = chair.page.getByTestId('vote-turnout');
	await expect(turnout).toHaveText('0 von 3 haben abgestimmt');
	await expect(chair.page.getByTestId('running-vote')).toContainText(
		'Wegen Interessenkonflikt ausgeschlossen: Dr. Aylin Demir'
	);
	await expectNoSeriousA11yViolations(chair.page);

	// The member with the conflict gets no ballot.
	await conflicted.page.goto(voteUrl(meetingId));
	await expect(conflicted.page.getByTestId('my-ballot')).toHaveText(
		'Sie haben zu diesem Punkt einen Interessenkonflikt erklärt und stimmen nicht mit.'
	);
	await expect(conflicted.page.locator('form[action$="?/cast"]')).toHaveCount(0);

	// Jonas Albers votes on his phone; the chair's screen follows without reloading.
	const jonas = await onPhone(browser, MEMBER, meetingId);
	await expectFitsPhone(jonas.page);
	await expectNoSeriousA11yViolations(jonas.page);
	const ballot = await formReady(jonas.page.locator('form[action$="?/cast"]'));
	await ballot.getByRole('radio', { name: 'Ja', exact: true }).check();
	await ballot.getByRole('button', { name: 'Stimme abgeben' }).click();
	await expect(jonas.page.getByTestId('my-ballot')).toContainText('Ihre Stimme ist abgegeben.');
	await expect(jonas.page.locator('form[action$="?/cast"]')).toHaveCount(0); // a secret ballot is cast once
	await expect(turnout).toHaveText('1 von 3 haben abgestimmt');

	// The third member votes without JavaScript (a plain form post).
	const plain = await onPhone(browser, third.email, meetingId, false, third.password);
	await plain.page.getByRole('radio', { name: 'Nein', exact: true }).check();
	await plain.page.getByRole('button', { name: 'Stimme abgeben' }).click();
	await expect(plain.page.getByText('Ihre Stimme ist gespeichert.')).toBeVisible();
	await expect(turnout).toHaveText('2 von 3 haben abgestimmt');

	// No tally of a secret vote before the close, anywhere.
	await expect(chair.page.getByTestId('vote-result')).toHaveCount(0);

	// The chair votes and closes.
	const own = await formReady(chair.page.locator('form[action$="?/cast"]'));
	await own.getByRole('radio', { name: 'Ja', exact: true }).check();
	await own.getByRole('button', { name: 'Stimme abgeben' }).click();
	await expect(turnout).toHaveText('3 von 3 haben abgestimmt');
	await chair.page
		.locator('summary')
		.filter({ hasText: /^Abstimmung schließen/ })
		.click();
	await chair.page.getByRole('button', { name: /^Ja, schließen/ }).click();
	const result = chair.page.getByTestId('vote-result').filter({ hasText: item });
	await expect(result.getByTestId('vote-outcome')).toHaveText('angenommen');
	await expect(result.getByTestId('vote-numbers')).toContainText(/Ja\s*2/);
	await expect(result.getByTestId('vote-numbers')).toContainText(/Nein\s*1/);
	// The members' screens follow too.
	await expect(jonas.page.getByTestId('no-running-vote')).toBeVisible();
	await expect(jonas.page.getByTestId('vote-result').filter({ hasText: item })).toContainText('angenommen');

	// The minutes draft carries the result.
	await office.page.goto(minutesUrl(meetingId));
	await minutesStep(office.page, 'Protokoll aus der Tagesordnung erstellen', 'Das Protokoll wurde erstellt.');
	await expect(office.page.locator('.minutes-sections')).toContainText(item);
	await office.page.getByRole('link', { name: 'Protokoll im Editor öffnen' }).click();
	await expect(office.page.locator('.ProseMirror')).toContainText(
		'Ergebnis: 2 Ja, 1 Nein, 0 Enthaltungen – angenommen'
	);

	// The decision log has it with the same numbers, and its chain verifies.
	await office.page.goto(`/b/${MAIN_BOARD}/decisions?q=${encodeURIComponent(item)}`);
	await expect(office.page.getByRole('main')).toContainText(item);
	await expect(office.page.getByRole('main')).toContainText('2 Ja, 1 Nein, 0 Enthaltungen');
	const verify = await formReady(office.page.locator('form[action="?/verify"]'));
	await verify.getByRole('button', { name: 'Beschlussbuch prüfen' }).click();
	await expect(office.page.getByTestId('verify-result')).toContainText('Prüfung erfolgreich');

	for (const context of [office.context, chair.context, conflicted.context, jonas.context, plain.context])
		await context.close();
});
