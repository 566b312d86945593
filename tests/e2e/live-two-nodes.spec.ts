import type { Browser, Page } from '@playwright/test';
import { expect, formReady, freshPage, OFFICE, submitCredentials, test } from './support';
import { liveOpen, meetingWithItems, press } from './live-support';

// Meeting mode across two app nodes (#19): node A and node B share one PostgreSQL database, Redis and the
// local auth keys (playwright.config.ts, project `two-nodes`). The chair, the office and a member sit on
// node A; two members and the room's projector on node B. Whatever anyone does on either node reaches
// every screen on both, and the vote ends with the same result everywhere.

const nodes = () => (test.info().project.metadata as { nodes?: [string, string] }).nodes;

const NEEDS =
	'Meeting mode across two app nodes needs PostgreSQL and Redis: set TEST_DATABASE_URL and REDIS_URL ' +
	'(e.g. postgres://postgres@127.0.0.1:5432/postgres and redis://127.0.0.1:6379), then the project ' +
	'`two-nodes` starts nodes A and B.';

/** A signed-in page on `node` (an origin), at `address`, its live channel open. */
async function openOn(browser: Browser, node: string, email: string, address: string): Promise<Page> {
	const { page } = await freshPage(browser);
	await page.goto(`${node}/login`);
	await submitCredentials(page, email);
	await expect(page).not.toHaveURL(/\/login(\?|$)/);
	await page.goto(`${node}${address}`);
	expect(new URL(page.url()).origin).toBe(node);
	await liveOpen(page);
	return page;
}

async function vote(page: Page, choice: 'Ja' | 'Nein') {
	const ballot = await formReady(page.locator('form[action$="/vote?/cast"]'));
	await ballot.getByRole('radio', { name: choice, exact: true }).check();
	await ballot.getByRole('button', { name: 'Stimme abgeben' }).click();
	// A named vote: the member sees the own vote (and may change it until the close).
	await expect(page.getByTestId('my-ballot')).toContainText(`Ihre Stimme: ${choice}`);
}

/** What a member's screen shows of the meeting: the same text on every page once the nodes converged. */
async function picture(page: Page): Promise<string> {
	const parts = [
		page.locator('.live-status'),
		page.locator('#live-current').locator('..'),
		page.locator('.live-people'),
		page.locator('.quorum'),
		page.locator('.live-queue'),
		page.locator('.live-speaking'),
		page.getByTestId('vote-result')
	];
	const texts: string[] = [];
	for (const part of parts) texts.push((await part.allInnerTexts()).join(' | '));
	return texts.join('\n').replace(/\s+/g, ' ');
}

test('chair and members on two app nodes see the same meeting and the same vote result', async ({ browser }) => {
	test.skip(!nodes(), NEEDS);
	test.setTimeout(480_000);
	const [nodeA, nodeB] = nodes()!;

	// Node A: the office prepares the meeting and stays, the chair runs it, Jonas Albers sits in the room.
	const office = (await freshPage(browser, OFFICE)).page;
	const { url, items } = await meetingWithItems(office);
	const decision = items[1]!;
	// The meeting's path: every page below opens it on its own node.
	const live = `${new URL(url).pathname}/live`;
	await office.goto(live);
	await liveOpen(office);
	const chair = await openOn(browser, nodeA, 'chair@beirat.example', live);
	const jonas = await openOn(browser, nodeA, 'member@beirat.example', live);
	// Node B: Dr. Aylin Demir online, Petra Schulte-Holtkamp (advisor, no vote) in the room, the projector.
	const aylin = await openOn(browser, nodeB, 'member2@beirat.example', live);
	const petra = await openOn(browser, nodeB, 'advisor@beirat.example', live);
	const projector = await openOn(browser, nodeB, OFFICE, `${live}/projector`);
	const onA = [office, chair, jonas];
	const onB = [aylin, petra];
	const everyone = [...onA, ...onB];

	await press(chair, 'Sitzungsmodus starten');
	for (const page of everyone) await expect(page.getByText(/Sitzung läuft seit/)).toBeVisible();

	// Everybody checks in at the same moment, on both nodes; the office checks the chair in.
	await Promise.all([
		press(jonas, 'Im Raum'),
		press(aylin, 'Online'),
		press(petra, 'Im Raum'),
		press(office, 'Dr. Helena Vossberg: im Raum')
	]);
	for (const page of everyone) {
		const person = (name: string) => page.locator('.live-people li').filter({ hasText: name });
		await expect(person('Dr. Helena Vossberg')).toContainText('Im Raum');
		await expect(person('Jonas Albers')).toContainText('Im Raum');
		await expect(person('Dr. Aylin Demir')).toContainText('Online');
		await expect(person('Petra Schulte-Holtkamp')).toContainText('Im Raum');
		await expect(page.locator('.quorum')).toContainText(/3 von \d+ Stimmberechtigten anwesend/);
	}

	// The chair on node A calls the first item: node B's screens and projector change too.
	await press(chair, new RegExp(`${items[0]} aufrufen$`));
	for (const page of everyone) {
		await expect(page.locator('#live-current').locator('..')).toContainText(items[0]!);
		await expect(page.getByTestId('live-announcement')).toHaveText(new RegExp(`^Jetzt: Ö \\d+ ${items[0]}$`));
	}
	await expect(projector.getByTestId('projector-current')).toHaveText(new RegExp(`^Ö \\d+ ${items[0]}$`));

	// Hands from both nodes; the chair moves node A's member up and gives him the floor.
	await press(aylin, /Wortmeldung$/);
	for (const page of [...everyone, projector])
		await expect(page.locator('.live-queue li')).toHaveText([/Dr. Aylin Demir/]);
	await press(jonas, /Wortmeldung$/);
	await press(petra, /Wortmeldung$/);
	for (const page of [...everyone, projector])
		await expect(page.locator('.live-queue li')).toHaveText([
			/Dr. Aylin Demir/,
			/Jonas Albers/,
			/Petra Schulte-Holtkamp/
		]);
	await press(chair, 'Jonas Albers nach oben');
	await press(chair, 'Jonas Albers das Wort erteilen');
	for (const page of [...everyone, projector]) {
		await expect(page.locator('.live-speaking')).toContainText('Jonas Albers');
		await expect(page.locator('.live-queue li')).toHaveText([/Dr. Aylin Demir/, /Petra Schulte-Holtkamp/]);
	}

	// The decision item ends the turn everywhere.
	await press(chair, new RegExp(`${decision} aufrufen$`));
	for (const page of everyone) {
		await expect(page.locator('#live-current').locator('..')).toContainText(decision);
		await expect(page.locator('.live-speaking')).toHaveCount(0);
	}
	await expect(projector.getByTestId('projector-current')).toHaveText(new RegExp(`^Ö \\d+ ${decision}$`));

	// The chair opens the vote on node A; the three present voting members vote, on both nodes at once.
	const open = await formReady(chair.locator('form[action$="/vote?/open"]').filter({ hasText: decision }));
	await open.getByRole('button', { name: /^Abstimmung eröffnen\s*:/ }).click();
	for (const page of everyone) await expect(page.getByTestId('vote-turnout')).toHaveText('0 von 3 haben abgestimmt');
	await expect(projector.getByTestId('projector-turnout')).toHaveText('0 von 3 haben abgestimmt');
	await expect(petra.locator('form[action$="/vote?/cast"]')).toHaveCount(0);
	await Promise.all([vote(jonas, 'Nein'), vote(aylin, 'Ja')]);
	for (const page of everyone) await expect(page.getByTestId('vote-turnout')).toHaveText('2 von 3 haben abgestimmt');
	await expect(projector.getByTestId('projector-turnout')).toHaveText('2 von 3 haben abgestimmt');
	await vote(chair, 'Ja');
	for (const page of everyone) await expect(page.getByTestId('vote-turnout')).toHaveText('3 von 3 haben abgestimmt');
	await expect(projector.getByTestId('projector-turnout')).toHaveText('3 von 3 haben abgestimmt');

	// The chair closes: the same result on every screen of both nodes and on the projector.
	await chair
		.locator('summary')
		.filter({ hasText: /^Abstimmung schließen/ })
		.click();
	await chair.getByRole('button', { name: /^Ja, schließen/ }).click();
	for (const page of everyone) {
		await expect(page.getByTestId('no-running-vote')).toBeVisible();
		const result = page.getByTestId('vote-result').filter({ hasText: decision });
		await expect(result.getByTestId('vote-outcome')).toHaveText('angenommen');
		await expect(result.getByTestId('vote-numbers')).toContainText(/Ja\s*2/);
		await expect(result.getByTestId('vote-numbers')).toContainText(/Nein\s*1/);
	}
	await expect(projector.getByTestId('projector-outcome')).toHaveText('angenommen');
	await expect(projector.getByTestId('projector-result')).toContainText(/Ja\s*2/);
	await expect(projector.getByTestId('projector-result')).toContainText(/Nein\s*1/);

	// Node B's member leaves early: the quorum drops on both nodes.
	await press(aylin, 'Sitzung verlassen');
	for (const page of everyone) {
		await expect(page.locator('.live-people li').filter({ hasText: 'Dr. Aylin Demir' })).toContainText(/gegangen/);
		await expect(page.locator('.quorum')).toContainText(/2 von \d+ Stimmberechtigten anwesend/);
	}

	// Converged: the members' screens on both nodes show the very same meeting, and so does a fresh load
	// from the database on the other node.
	const reference = await picture(jonas);
	for (const fact of [decision, 'angenommen', 'Dr. Aylin Demir', 'gegangen', 'Petra Schulte-Holtkamp'])
		expect(reference).toContain(fact);
	for (const page of [chair, aylin, petra]) expect(await picture(page)).toBe(reference);
	await petra.reload();
	await liveOpen(petra);
	expect(await picture(petra)).toBe(reference);
	const late = await openOn(browser, nodeB, 'member@beirat.example', live);
	expect(await picture(late)).toBe(reference);
});
