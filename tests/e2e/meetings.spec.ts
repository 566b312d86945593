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
import {
	answerPoll,
	berlinLocal,
	createPoll,
	MEETINGS,
	PAST_MEETING,
	POLLS,
	UPCOMING_MEETING
} from './meetings-support';

const MEMBER = 'member@beirat.example';
const MEMBER2 = 'member2@beirat.example';
const GUEST = 'guest@beirat.example';

test.describe('meetings and date polls', () => {
	test('office polls two members for three dates, picks one, and the meeting is listed', async ({ page, browser }) => {
		const title = `Sondersitzung ${Date.now()}`;
		await signIn(page, OFFICE);
		await createPoll(page, {
			title,
			slots: [berlinLocal(20, 10), berlinLocal(21, 14), berlinLocal(22, 16)],
			askedNames: ['Jonas Albers', 'Aylin Demir']
		});
		const pollUrl = page.url();

		for (const [email, answers] of [
			[MEMBER, ['Ja', 'Nein', 'Wenn nötig']],
			[MEMBER2, ['Nein', 'Ja', 'Ja']]
		] as const) {
			const member = await freshPage(browser, email);
			await member.page.goto(pollUrl);
			await answerPoll(member.page, [...answers]);
			await member.context.close();
		}

		await page.reload();
		const grid = page.getByRole('table', { name: 'Antworten je Termin' });
		await expect(grid.getByRole('columnheader', { name: 'Jonas Albers' })).toBeVisible();
		await expect(grid.getByRole('columnheader', { name: 'Dr. Aylin Demir' })).toBeVisible();
		// Each answer is spelled out next to its symbol and colour.
		const first = grid.getByRole('row').nth(1);
		await expect(first).toContainText('✓ Ja');
		await expect(first).toContainText('✗ Nein');
		await expect(first).toContainText('1 / 0 / 1');
		await expect(grid.getByRole('row').nth(3)).toContainText('1 / 1 / 0');

		await page
			.getByRole('button', { name: /^Diesen Termin festlegen/ })
			.nth(2)
			.click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page).toHaveURL(new RegExp(`${MEETINGS}/[0-9a-f-]{36}$`));
		// No agenda yet: the office is told why invitations cannot go out.
		await expect(
			page.getByText('Einladungen können erst versendet werden, wenn die Tagesordnung veröffentlicht ist.')
		).toBeVisible();
		await page.goto(MEETINGS);
		await expect(
			page.getByRole('region', { name: 'Anstehende Sitzungen' }).getByRole('link', { name: title })
		).toBeVisible();
		await page.goto(pollUrl);
		await expect(page.getByText('abgeschlossen')).toBeVisible();
	});

	test('an asked member finds the poll on the dashboard and answers by tapping their own cells, also by keyboard', async ({
		page,
		browser
	}) => {
		const title = `Klausur ${Date.now()} – Terminfindung`;
		await signIn(page, OFFICE);
		await createPoll(page, { title, slots: [berlinLocal(25, 10), berlinLocal(26, 14)], askedNames: ['Jonas Albers'] });
		const member = await freshPage(browser, MEMBER);
		try {
			await member.page.goto('/');
			await member.page
				.getByRole('region', { name: 'Offene Terminumfragen' })
				.getByRole('link', { name: title })
				.click();
			await expect(member.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
			const grid = member.page.getByRole('table', { name: 'Antworten je Termin' });
			const cells = grid.getByRole('button', { name: /^Ihre Antwort am/ });
			await expect(cells).toHaveCount(2);
			await expect(cells.first()).toHaveAttribute('aria-pressed', 'false');
			await cells.first().click();
			await expect(cells.first()).toHaveAccessibleName(/: Ja$/);
			await expect(cells.first()).toHaveAttribute('aria-pressed', 'true');
			await cells.first().click();
			await expect(cells.first()).toHaveAccessibleName(/: Wenn nötig$/);
			await expect(cells.first()).toHaveAttribute('aria-pressed', 'mixed');
			await cells.nth(1).focus();
			await member.page.keyboard.press('Space');
			await expect(cells.nth(1)).toHaveAccessibleName(/: Ja$/);
			await expect(grid.getByRole('row').nth(1)).toContainText('0 / 1 / 0');
			await member.page.reload();
			await expect(cells.first()).toHaveAccessibleName(/: Wenn nötig$/);
			await expect(cells.nth(1)).toHaveAccessibleName(/: Ja$/);
			// The form below (the path without JavaScript) shows the same answers.
			await expect(
				member.page
					.getByRole('group', { name: /^Verfügbarkeit am/ })
					.first()
					.getByLabel('Wenn nötig', { exact: true })
			).toBeChecked();
			await member.page.goto('/');
			await expect(member.page.getByRole('link', { name: title })).toHaveCount(0);
		} finally {
			await member.context.close();
		}
	});

	test('members answer the invitation and office records attendance', async ({ page, browser }) => {
		const member = await freshPage(browser, MEMBER2);
		await member.page.goto(`${MEETINGS}/${UPCOMING_MEETING}`);
		const rsvp = await formReady(member.page.locator('form[action="?/rsvp"]'));
		await rsvp.getByLabel('Ich nehme online teil').check();
		await rsvp.getByRole('button', { name: 'Rückmeldung speichern' }).click();
		await expect(member.page.getByText('Ihre Rückmeldung ist gespeichert.')).toBeVisible();
		await member.page.reload();
		await expect(member.page.getByLabel('Ich nehme online teil')).toBeChecked();
		// The person's own answer is the first section of the page.
		await expect(member.page.getByRole('heading', { level: 2 }).first()).toHaveText('Ihre Teilnahme');
		await member.context.close();

		await signIn(page, OFFICE);
		await page.goto(`${MEETINGS}/${UPCOMING_MEETING}`);
		const table = page.getByRole('table', { name: 'Rückmeldungen und Anwesenheit' });
		// The office's table speaks of the people, not as them.
		await expect(table.getByRole('row', { name: /Dr\. Aylin Demir/ })).toContainText('nimmt online teil');
		await expect(table).not.toContainText('Ich nehme');
		await expect(page.getByText(/^Erwartet: [1-9]\d* von \d+ Stimmberechtigten/)).toBeVisible();

		const form = await formReady(page.locator('form[action="?/attendance"]'));
		await form.getByLabel('Dr. Aylin Demir anwesend').check();
		await form.getByLabel('Jonas Albers anwesend').check();
		await form.getByRole('button', { name: 'Anwesenheit speichern' }).click();
		await expect(page.getByText('Die Anwesenheit ist gespeichert.')).toBeVisible();
		await page.reload();
		await expect(page.getByLabel('Dr. Aylin Demir anwesend')).toBeChecked();
		await expect(page.getByLabel('Jonas Albers anwesend')).toBeChecked();
		await expect(page.getByText(/^Anwesend: ([2-9]|\d{2,}) von \d+ Stimmberechtigten/)).toBeVisible();
	});

	test('office sends the invitations once the agenda is published', async ({ page }) => {
		await signIn(page, OFFICE);
		await page.goto(`${MEETINGS}/${UPCOMING_MEETING}`);
		const form = await formReady(page.locator('form[action="?/invite"]'));
		await form.getByRole('button', { name: 'Einladungen versenden' }).click();
		await expect(page.getByText(/^Die Einladungen sind an \d+ Personen versendet\.$/)).toBeVisible();
	});

	test('a guest sees only the meeting they are invited to', async ({ page }) => {
		await signIn(page, GUEST);
		await page.goto(MEETINGS);
		await expect(page.getByRole('link', { name: '4. Sitzung des Beirats' })).toBeVisible();
		await expect(page.getByRole('link', { name: '3. Sitzung des Beirats' })).toHaveCount(0);
		await expect(
			page
				.getByRole('navigation', { name: /Wirtschaft\.Hamm\.2030/ })
				.getByRole('link', { name: /Date polls|Terminfindung/ })
		).toHaveCount(0);
		const hidden = await page.goto(`${MEETINGS}/${PAST_MEETING}`);
		expect(hidden?.status()).toBe(404);
		const poll = await page.goto(POLLS);
		expect(poll?.status()).toBe(403);
	});

	test('the meeting downloads as iCalendar', async ({ page }) => {
		await signIn(page, MEMBER);
		await page.goto(`${MEETINGS}/${UPCOMING_MEETING}`);
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'In den Kalender (.ics)' }).click();
		const file = await (await download).path();
		const text = (await import('node:fs')).readFileSync(file, 'utf8');
		expect(text).toContain('BEGIN:VCALENDAR');
		expect(text).toContain(`UID:${UPCOMING_MEETING}@127.0.0.1`);
		expect(text).toContain('DTSTART;TZID=Europe/Berlin:');
	});

	test('polls, a poll, meetings and a meeting have no serious accessibility violations', async ({ page }) => {
		await signIn(page, OFFICE);
		await createPoll(page, {
			title: `Barrierefreiheit ${Date.now()}`,
			slots: [berlinLocal(30, 10), berlinLocal(31, 10)],
			askedNames: ['Jonas Albers']
		});
		await expectNoSeriousA11yViolations(page);
		await page.goto(POLLS);
		await expectNoSeriousA11yViolations(page);
		await page.goto(MEETINGS);
		await expectNoSeriousA11yViolations(page);
		await page.goto(`${MEETINGS}/${UPCOMING_MEETING}`);
		await expectNoSeriousA11yViolations(page);
		const member = page.context();
		await member.clearCookies();
		await signIn(page, MEMBER);
		await page.goto(`${MEETINGS}/${UPCOMING_MEETING}`);
		await expectNoSeriousA11yViolations(page);
	});
});

test('a member creates a personal calendar address that lists their meetings', async ({ page, browser }) => {
	await signIn(page, MEMBER);
	await page.goto('/profile');
	await page.getByRole('link', { name: 'Kalender-Abonnement verwalten' }).click();
	const form = await formReady(page.locator('form[action="/calendar?/regenerate"]'));
	await form.getByRole('button').click();
	const address = page.getByLabel('Kalender-Adresse');
	await expect(address).toHaveValue(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
	await expectNoSeriousA11yViolations(page);
	const url = await address.inputValue();
	// Calendar apps have no session: the secret in the address is the only proof.
	const calendarApp = await browser.newContext();
	try {
		const feed = await calendarApp.request.get(url, { maxRedirects: 0 });
		expect(feed.status()).toBe(200);
		expect(feed.headers()['content-type']).toContain('text/calendar');
		expect(await feed.text()).toContain(`UID:${UPCOMING_MEETING}@`);
		const wrong = await calendarApp.request.get(url.replace(/[A-Za-z0-9_-]{5}\.ics$/, 'xxxxx.ics'), {
			maxRedirects: 0
		});
		expect(wrong.status()).toBe(404);
	} finally {
		await calendarApp.close();
	}
});

test('the board starts with its meetings', async ({ page }) => {
	await signIn(page, 'chair@beirat.example');
	await page.goto(`/b/${MAIN_BOARD}`);
	await expect(page).toHaveURL(new RegExp(`${MEETINGS}$`));
});
