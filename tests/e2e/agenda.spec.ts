import AxeBuilder from '@axe-core/playwright';
import { expect, expectNoSeriousA11yViolations, formReady, freshPage, MAIN_BOARD, OFFICE, test } from './support';
import { addItem, itemTitles, pdfText, uniqueTitle } from './agenda-support';
import { rsvp, scheduleByPoll } from './meetings-support';

// The first test sets up through the UI (a poll schedules the meeting): more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

const MEMBER = 'member@beirat.example';
const GUEST = 'guest@beirat.example';

test('office schedules by poll, builds, reorders and publishes an agenda; members RSVP; a member declares a conflict and downloads the board book', async ({
	browser
}) => {
	const { context: officeContext, page } = await freshPage(browser, OFFICE);
	const meetingTitle = uniqueTitle('Sitzung Tagesordnung');
	const meetingId = await scheduleByPoll(browser, page, meetingTitle);
	const agendaUrl = `/b/${MAIN_BOARD}/meetings/${meetingId}/agenda`;

	// A new meeting's agenda starts with the three standard items (put in when the poll created the meeting).
	await page.goto(agendaUrl);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tagesordnung: ${meetingTitle}`);
	expect(await itemTitles(page)).toEqual([
		'Eröffnung und Begrüßung',
		'Genehmigung des Protokolls der letzten Sitzung',
		'Verschiedenes'
	]);

	const innovation = uniqueTitle('Handlungsfeld Innovation');
	const vergabe = uniqueTitle('Vergabe Gutachten');
	const personal = uniqueTitle('Personalangelegenheiten');
	await addItem(page, { title: innovation, kind: 'Beratung', minutes: 30 });
	await addItem(page, { title: vergabe, kind: 'Beschluss', minutes: 15 });
	await addItem(page, { title: personal, kind: 'Beschluss', minutes: 10, confidential: true });
	expect(await itemTitles(page)).toEqual([
		'Eröffnung und Begrüßung',
		'Genehmigung des Protokolls der letzten Sitzung',
		'Verschiedenes',
		innovation,
		vergabe,
		personal
	]);
	await expectNoSeriousA11yViolations(page);

	// The non-public item opens its own part with its own numbering; moves stay within a part.
	await expect(page.locator('ol[data-part="nonPublic"] .agenda-item-title')).toHaveText([`N 1 ${personal}`]);
	await expect(page.getByRole('button', { name: /^nach unten\s*:\s*Ö 5 / })).toBeDisabled();
	await expect(page.getByRole('button', { name: /^nach oben\s*:\s*N 1 / })).toBeDisabled();

	// Keyboard: "Verschiedenes" moves down with its button; focus stays on that button; the move is announced.
	const down = page.getByRole('button', { name: /^nach unten\s*:\s*Ö 3 Verschiedenes$/ });
	await down.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#agenda-live')).toHaveText('„Verschiedenes“ ist jetzt an Position 4 von 6 (Ö 4).');
	await expect(page.getByRole('button', { name: /^nach unten\s*:\s*Ö 4 Verschiedenes$/ })).toBeFocused();
	expect(await itemTitles(page)).toEqual([
		'Eröffnung und Begrüßung',
		'Genehmigung des Protokolls der letzten Sitzung',
		innovation,
		'Verschiedenes',
		vergabe,
		personal
	]);

	// Drag and drop: "Verschiedenes" onto the lower half of the public part's last row lands after it, at the
	// end of the public part. Both rows on screen: Playwright's drag would otherwise scroll between press and move.
	await page.setViewportSize({ width: 1280, height: 2400 });
	const row = (title: string) =>
		page.locator('ol.agenda-list > li').filter({ has: page.locator('.agenda-item-title', { hasText: title }) });
	const target = (await row(vergabe).boundingBox())!;
	await row('Verschiedenes').dragTo(row(vergabe), {
		sourcePosition: { x: 12, y: 12 },
		targetPosition: { x: 40, y: target.height - 4 }
	});
	await expect(page.locator('#agenda-live')).toHaveText('„Verschiedenes“ ist jetzt an Position 5 von 6 (Ö 5).');
	await expect(page.getByRole('button', { name: /^nach oben\s*:\s*Ö 5 Verschiedenes$/ })).toBeFocused();
	expect(await itemTitles(page)).toEqual([
		'Eröffnung und Begrüßung',
		'Genehmigung des Protokolls der letzten Sitzung',
		innovation,
		vergabe,
		'Verschiedenes',
		personal
	]);

	await page.getByRole('button', { name: 'Tagesordnung veröffentlichen' }).click();
	await expect(page.locator('#agenda-live')).toHaveText('Die Tagesordnung ist veröffentlicht.');
	await expect(page.getByRole('heading', { name: /^Veröffentlicht am/ })).toBeVisible();

	// After publication a change is recorded, marked and listed.
	await page.getByRole('button', { name: /^nach oben\s*:\s*Ö 5 Verschiedenes$/ }).click();
	await expect(page.locator('#agenda-live')).toHaveText('„Verschiedenes“ ist jetzt an Position 4 von 6 (Ö 4).');
	await expect(row('Verschiedenes').getByText('geändert seit Veröffentlichung')).toBeVisible();
	await expect(page.locator('section.agenda-changes li')).toHaveCount(1);
	await expect(page.locator('section.agenda-changes li')).toContainText('„Verschiedenes“ von Ö 5 nach Ö 4 verschoben');
	await officeContext.close();

	// Both members answer the invitation; a member declares a conflict of interest on the decision item.
	const other = await freshPage(browser, 'member2@beirat.example');
	await rsvp(other.page, meetingId, 'Ich nehme online teil');
	await other.context.close();
	const { context: memberContext, page: memberPage } = await freshPage(browser, MEMBER);
	await rsvp(memberPage, meetingId, 'Ich nehme teil');
	const panel = memberPage.locator('section.agenda-panel');
	await expect(panel.getByRole('heading', { name: new RegExp(`Ö 5 ${vergabe}`) })).toBeVisible();
	await expect(panel.getByText('geändert seit Veröffentlichung')).toHaveCount(1);
	await expect(panel.locator('section.agenda-changes')).toContainText('„Verschiedenes“ von Ö 5 nach Ö 4 verschoben');
	const vergabeRow = panel
		.locator('li')
		.filter({ has: memberPage.locator('.agenda-item-title', { hasText: vergabe }) });
	await formReady(vergabeRow.locator('form[action$="?/declareConflict"]'));
	await vergabeRow
		.locator('summary')
		.filter({ hasText: /^Befangenheit anzeigen\s*:\s*Ö 5$/ })
		.click();
	await vergabeRow.getByLabel('Begründung (optional)').fill('Mein Unternehmen bewirbt sich um den Auftrag.');
	await vergabeRow.getByRole('button', { name: /^Befangenheit anzeigen/ }).click();
	await expect(panel.getByRole('status')).toHaveText(
		'Sie haben zu Ö 5 eine Befangenheit angezeigt und stimmen dort nicht mit ab.'
	);
	await expect(vergabeRow.getByRole('button', { name: /^Befangenheit zurückziehen/ })).toBeVisible();
	const axe = await new AxeBuilder({ page: memberPage })
		.include('section.agenda-panel')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		axe.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);

	// The board book downloads as a PDF with every title the member may see.
	const response = await memberPage.request.get(`/b/${MAIN_BOARD}/meetings/${meetingId}/book.pdf`);
	expect(response.status()).toBe(200);
	const body = await response.body();
	expect(body.subarray(0, 5).toString()).toBe('%PDF-');
	const text = await pdfText(body);
	for (const title of [
		meetingTitle,
		innovation,
		vergabe,
		personal,
		'Verschiedenes',
		'Ö 5',
		'Nichtöffentlicher Teil',
		'N 1'
	])
		expect(text).toContain(title);

	// The download link on the page points at the same book.
	const download = memberPage.waitForEvent('download');
	await panel.getByRole('link', { name: 'Sitzungsunterlage (PDF) herunterladen' }).click();
	expect((await download).suggestedFilename()).toMatch(/^Sitzungsunterlage-\d{4}-\d{2}-\d{2}\.pdf$/);
	await memberContext.close();
});

test('the guest sees only the public items of the demo meeting, in the page and in the board book', async ({
	browser
}) => {
	const { context, page } = await freshPage(browser, GUEST);
	const url = `/b/${MAIN_BOARD}/meetings/00000000-0000-4000-8000-0000000000c2`;
	await page.goto(`${url}/agenda`);
	const panel = page.locator('section.agenda-panel');
	await expect(panel.getByRole('heading', { name: /Fachkräftesicherung mit dem Jobcenter/ })).toBeVisible();
	await expect(page.getByText('Personalangelegenheiten der Geschäftsstelle')).toHaveCount(0);
	const response = await page.request.get(`${url}/book.pdf?lang=en`);
	expect(response.status()).toBe(200);
	const text = await pdfText(await response.body());
	expect(text).toContain('Fachkräftesicherung mit dem Jobcenter');
	expect(text).toContain('Board book');
	expect(text).not.toContain('Personalangelegenheiten');
	await context.close();
});
