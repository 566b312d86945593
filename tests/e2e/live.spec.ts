import { expectNoSeriousA11yViolations, expect, freshPage, OFFICE, test } from './support';
import { liveOpen, meetingWithItems, openLive, press } from './live-support';

// Meeting mode (#19): chair, office, three members (one online, one without JavaScript) and the room's
// projector at once. Whatever the chair or a member does reaches every screen through the live channel.

test('chair, office, members and the projector follow the same meeting live', async ({ browser }) => {
	test.setTimeout(480_000);
	const office = (await freshPage(browser, OFFICE)).page;
	const { url, items } = await meetingWithItems(office);
	const live = `${url}/live`;
	await office.goto(live);
	await liveOpen(office);
	const chair = await openLive(browser, 'chair@beirat.example', live);
	const member = await openLive(browser, 'member@beirat.example', live);
	const online = await openLive(browser, 'member2@beirat.example', live);
	const projector = await openLive(browser, OFFICE, `${live}/projector`);
	// The third member has no JavaScript: plain form posts, the page reloads.
	const plainContext = await browser.newContext({ javaScriptEnabled: false });
	const plain = await plainContext.newPage();
	await plain.goto('/login');
	await plain.locator('#field-email').fill('advisor@beirat.example');
	await plain.locator('#field-password').fill('beirat-demo');
	await plain.getByRole('button', { name: 'Anmelden' }).click();
	await plain.goto(live);
	const everyone = [office, chair, member, online];

	await expectNoSeriousA11yViolations(member);
	await press(chair, 'Sitzungsmodus starten');
	for (const page of everyone) await expect(page.getByText(/Sitzung läuft seit/)).toBeVisible();

	// Check-in: in the room, online, and without JavaScript; the office corrects the chair into the room.
	await press(member, 'Im Raum');
	await press(online, 'Online');
	await plain.reload();
	await plain.getByRole('button', { name: 'Im Raum' }).first().click();
	await expect(plain.getByText(/Sie sind im Raum eingecheckt/)).toBeVisible();
	await press(office, 'Dr. Helena Vossberg: im Raum');
	for (const page of everyone) {
		await expect(page.locator('.live-people li').filter({ hasText: 'Jonas Albers' })).toContainText('Im Raum');
		await expect(page.locator('.live-people li').filter({ hasText: 'Dr. Aylin Demir' })).toContainText('Online');
		await expect(page.locator('.live-people li').filter({ hasText: 'Petra Schulte-Holtkamp' })).toContainText(
			'Im Raum'
		);
		await expect(page.locator('.quorum')).toContainText(/3 von \d+ Stimmberechtigten anwesend/);
	}

	// The chair opens the first item: every screen and the projector change at once, screen readers hear it.
	// (A new meeting starts with the board's standard items: ours follow them.)
	await press(chair, new RegExp(`${items[0]} aufrufen$`));
	for (const page of everyone) {
		await expect(page.locator('#live-current').locator('..')).toContainText(items[0]!);
		await expect(page.getByTestId('live-announcement')).toHaveText(new RegExp(`^Jetzt: Ö \\d+ ${items[0]}$`));
	}
	await expect(projector.getByTestId('projector-current')).toHaveText(new RegExp(`^Ö \\d+ ${items[0]}$`));

	// Hands from two devices; the chair moves the second up and gives the floor.
	await press(member, /Wortmeldung$/);
	await press(online, /Wortmeldung$/);
	for (const page of [...everyone, projector])
		await expect(page.locator('.live-queue li')).toHaveText([/Jonas Albers/, /Dr. Aylin Demir/]);
	await press(chair, 'Dr. Aylin Demir nach oben');
	await press(chair, 'Dr. Aylin Demir das Wort erteilen');
	for (const page of [...everyone, projector]) {
		await expect(page.locator('.live-speaking')).toContainText('Dr. Aylin Demir');
		await expect(page.locator('.live-queue li')).toHaveText([/Jonas Albers/]);
	}
	await expect(online.getByRole('button', { name: /Wortmeldung/ })).toHaveCount(0);

	// The next item ends the turn; the time plan shows the first item's actual times.
	await press(chair, new RegExp(`${items[1]} aufrufen$`));
	for (const page of [...everyone, projector]) {
		await expect(page.getByText(items[1]!).first()).toBeVisible();
		await expect(page.locator('.live-speaking')).toHaveCount(0);
	}
	await expect(projector.getByTestId('projector-current')).toHaveText(new RegExp(`^Ö \\d+ ${items[1]}$`));
	await expect(member.locator('.live-items li').filter({ hasText: items[0]! })).toContainText(
		/tatsächlich \d\d:\d\d–\d\d:\d\d/
	);

	// An early departure reaches everyone and the quorum.
	await press(online, 'Sitzung verlassen');
	for (const page of everyone) {
		await expect(page.locator('.live-people li').filter({ hasText: 'Dr. Aylin Demir' })).toContainText(/gegangen/);
		await expect(page.locator('.quorum')).toContainText(/2 von \d+ Stimmberechtigten anwesend/);
	}
	await expectNoSeriousA11yViolations(chair);
	await expectNoSeriousA11yViolations(projector);

	// A phone: nothing scrolls sideways.
	await member.setViewportSize({ width: 390, height: 844 });
	await member.reload();
	await liveOpen(member);
	expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await expect(member.getByRole('button', { name: /Wortmeldung/ })).toBeVisible();
	await expectNoSeriousA11yViolations(member);
	await plainContext.close();
});
