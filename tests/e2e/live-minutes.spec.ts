import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, freshPage, OFFICE, test } from './support';
import { liveOpen, meetingWithItems, openLive, press } from './live-support';
import { minutesStep } from './minutes-support';
import { editorContent, waitForEditor } from './papers-support';

// Minutes assistance (#19): the chair runs two items in meeting mode, a member checks in late and leaves
// early; the minutes draft (made while the meeting runs, then brought up to date by the office's take-over)
// shows the items' times and the attendance as meeting mode recorded them, in the editor and the export.

/** The "HH:MM" times a text shows, in order. */
async function timesIn(page: Page, locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<string[]> {
	await expect(locator).toContainText(pattern);
	const match = pattern.exec((await locator.textContent()) ?? '');
	return match ? match.slice(1) : [];
}

test('item times and attendance from meeting mode reach the minutes draft', async ({ browser }) => {
	test.setTimeout(240_000);
	const office = (await freshPage(browser, OFFICE)).page;
	const { url, items } = await meetingWithItems(office);
	const live = `${url}/live`;
	const chair = await openLive(browser, 'chair@beirat.example', live);
	const member = await openLive(browser, 'member@beirat.example', live);
	const late = await openLive(browser, 'member2@beirat.example', live);

	await press(chair, 'Sitzungsmodus starten');
	await expect(member.getByText(/Sitzung läuft seit/)).toBeVisible();
	await press(member, 'Im Raum');
	const person = (name: string) => chair.locator('.live-people li').filter({ hasText: name });
	await expect(person('Jonas Albers')).toContainText('Im Raum');

	// First item; the second member comes late, online.
	await press(chair, new RegExp(`${items[0]} aufrufen$`));
	await expect(late.locator('#live-current').locator('..')).toContainText(items[0]!);
	await press(late, 'Online');
	const [arrived] = await timesIn(chair, person('Dr. Aylin Demir'), /seit (\d\d:\d\d)/);

	// Second item; meanwhile the office makes the minutes draft, while the meeting still runs.
	await press(chair, new RegExp(`${items[1]} aufrufen$`));
	await expect(member.locator('#live-current').locator('..')).toContainText(items[1]!);
	await office.goto(`${url}/minutes`);
	await minutesStep(office, 'Protokoll aus der Tagesordnung erstellen', 'Das Protokoll wurde erstellt.');
	await expect(office.locator('.minutes-take-over')).toContainText('Der Sitzungsmodus läuft noch');

	// The late member leaves early; the chair ends meeting mode.
	await press(late, 'Sitzung verlassen');
	const [left] = await timesIn(chair, person('Dr. Aylin Demir'), /gegangen (\d\d:\d\d)/);
	await press(chair, 'Sitzungsmodus beenden');
	await expect(chair.getByText(/Sitzungsmodus beendet um/)).toBeVisible();
	await chair.reload();
	await liveOpen(chair);
	const planRow = (title: string) => chair.locator('.live-items li').filter({ hasText: title });
	const first = await timesIn(chair, planRow(items[0]!), /tatsächlich (\d\d:\d\d)–(\d\d:\d\d)/);
	const second = await timesIn(chair, planRow(items[1]!), /tatsächlich (\d\d:\d\d)–(\d\d:\d\d)/);

	// The office takes times and attendance over into the draft (twice is once), reached from meeting mode.
	await office.goto(live);
	await liveOpen(office);
	await office.getByRole('link', { name: 'Zum Protokoll' }).click();
	await expect(office).toHaveURL(new RegExp(`${url}/minutes$`));
	await expect(office.locator('.minutes-take-over')).toContainText('Diese Sitzung wurde im Sitzungsmodus geführt.');
	await expectNoSeriousA11yViolations(office);
	for (let i = 0; i < 2; i++) {
		// A fresh page each time: the confirmation of the first press must not answer for the second.
		if (i > 0) await office.reload();
		await minutesStep(
			office,
			'Zeiten und Anwesenheit aus dem Sitzungsmodus übernehmen',
			'Zeiten und Anwesenheit aus dem Sitzungsmodus wurden übernommen.'
		);
	}

	const itemLines = [
		`Aus dem Sitzungsmodus: Beginn ${first[0]} Uhr, Ende ${first[1]} Uhr`,
		`Aus dem Sitzungsmodus: Beginn ${second[0]} Uhr, Ende ${second[1]} Uhr`
	];
	const lateLine = `Online: Dr. Aylin Demir (verspätet ab ${arrived} Uhr, gegangen ${left} Uhr)`;
	const expected = [...itemLines, lateLine];
	const editorLink = office.getByRole('link', { name: 'Protokoll im Editor öffnen' });
	await office.goto((await editorLink.getAttribute('href'))!);
	await waitForEditor(office);
	const content = editorContent(office);
	const quotes = content.locator('blockquote');
	// The attendance block under its heading; each item's times right under the item's heading.
	const attendance = content.locator('h2', { hasText: 'Anwesenheit' }).locator('xpath=following-sibling::*[1]');
	await expect(attendance).toContainText(/Im Raum: [^\n]*Jonas Albers/);
	await expect(attendance).toContainText(lateLine);
	for (const [i, line] of itemLines.entries())
		await expect(content.locator('h2', { hasText: items[i]! }).locator('xpath=following-sibling::*[1]')).toHaveText(
			line
		);
	// One block per item called (two) and one for the attendance, even after two take-overs.
	await expect(quotes).toHaveCount(3);

	// The export reads the same document.
	const markdown = await (await office.request.get(`${new URL(office.url()).pathname}/export?format=md`)).text();
	for (const line of expected) expect(markdown).toContain(line);
});
