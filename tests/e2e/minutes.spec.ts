import { expect, expectNoSeriousA11yViolations, formReady, freshPage, MAIN_BOARD, OFFICE, test } from './support';
import { addItem, uniqueTitle } from './agenda-support';
import { scheduleByPoll } from './meetings-support';
import { editorContent, typeAtEnd, waitForEditor } from './papers-support';
import { selectText } from './comments-support';
import { minutesStep, minutesUrl } from './minutes-support';
import { testNow } from './clock';

/** Today and this year in Berlin, by the server's clock. */
function berlinDay(): { date: string; year: string } {
	const at = testNow();
	return {
		date: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(at),
		year: new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Berlin' }).format(at)
	};
}

test('office writes the minutes, members review and comment, the chair approves and the decision reaches the log', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context: officeContext, page } = await freshPage(browser, OFFICE);
	const meetingTitle = uniqueTitle('Sitzung Protokoll');
	const meetingId = await scheduleByPoll(browser, page, meetingTitle);
	await page.goto(`/b/${MAIN_BOARD}/meetings/${meetingId}/agenda`);
	const item = uniqueTitle('Förderprogramm');
	await addItem(page, { title: item, kind: 'Beschluss' });

	// The meeting page links to the minutes; the office creates them from the agenda.
	await page.goto(`/b/${MAIN_BOARD}/meetings/${meetingId}`);
	await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Protokoll: ${meetingTitle}`);
	await minutesStep(page, 'Protokoll aus der Tagesordnung erstellen', 'Das Protokoll wurde erstellt.');
	await expect(page.locator('.minutes-sections')).toContainText(item);

	// The text is written in the normal editor: the decision goes under the last "Beschluss" heading.
	await page.getByRole('link', { name: 'Protokoll im Editor öffnen' }).click();
	await waitForEditor(page);
	await expect(editorContent(page)).toContainText(item);
	const decision = `Der Beirat fördert das Programm ${Date.now()}.`;
	await typeAtEnd(page, decision);
	// Under the last "Beschluss" heading, i.e. the document's last paragraph, not inside some heading.
	await expect(editorContent(page).locator(':scope > *').last()).toHaveText(decision);
	await expect(editorContent(page).locator(':scope > h3').last()).toHaveText('Beschluss');
	await expect(page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	const paperUrl = new URL(page.url()).pathname;

	await page.goto(minutesUrl(meetingId));
	await minutesStep(page, 'Zur Prüfung versenden', 'Das Protokoll wurde zur Prüfung versendet.');
	await expect(page.locator('.minutes-entry')).toContainText('In Prüfung');

	// A member comments on the text with the existing comments panel.
	const member = await freshPage(browser, 'member@beirat.example');
	await member.page.goto(paperUrl);
	await selectText(member.page, 'fördert');
	const panel = member.page.getByRole('complementary', { name: 'Kommentare' });
	const form = panel.getByTestId('new-comment');
	await expect(form).toHaveAttribute('data-e2e-enhanced', '');
	await form.getByLabel('Kommentar', { exact: true }).fill('Bitte Laufzeit ergänzen.');
	await form.getByRole('button', { name: 'Kommentieren' }).click();
	await expect(panel.getByRole('status')).toHaveText('Kommentar gespeichert.');
	await member.context.close();

	// The chair approves: the text is frozen, the hash shown, the decision taken into the log.
	const chair = await freshPage(browser, 'chair@beirat.example');
	await chair.page.goto(minutesUrl(meetingId));
	const entry = chair.page.locator('.minutes-entry');
	// The standard item approving the last minutes is a decision item nobody wrote a decision for: the
	// approval names it (only it: the new item has its text), freezes nothing, and goes ahead once confirmed.
	const approvalItem = (await entry
		.locator('.minutes-sections li', { hasText: 'Genehmigung des Protokolls' })
		.textContent())!.split(':')[0]!;
	const approveForm = await formReady(chair.page.locator('form[action="?/approve"]'));
	// The member's comment is still open: approving asks first, and freezes nothing until confirmed.
	await expect(approveForm).toContainText('Offene Kommentar-Diskussionen im Protokoll: 1.');
	await approveForm.getByRole('button', { name: 'Protokoll genehmigen' }).click();
	await expect(chair.page.getByRole('alert')).toHaveText(
		/^Im Protokoll sind noch Kommentar-Diskussionen offen \(Anzahl: 1\)\./
	);
	await expect(entry).toContainText('In Prüfung');
	await approveForm.getByLabel('Trotz offener Kommentare genehmigen').check();
	await approveForm.getByRole('button', { name: 'Protokoll genehmigen' }).click();
	await expect(chair.page.getByRole('alert')).toHaveText(
		new RegExp(`^${approvalItem} hat noch keinen Beschlusstext unter „Beschluss“\\.`)
	);
	await expect(entry).toContainText('In Prüfung');
	await approveForm.getByLabel('Ohne Beschlusstext genehmigen').check();
	const approvalDays = [berlinDay()];
	await minutesStep(chair.page, 'Protokoll genehmigen', 'Das Protokoll wurde genehmigt und festgeschrieben.');
	approvalDays.push(berlinDay());
	await expect(entry).toContainText('Genehmigt');
	await expect(entry.locator('.minutes-hash')).toHaveText(/^[0-9a-f]{64}$/);
	await expect(entry.locator('.minutes-decisions')).toContainText(decision);
	// Frozen on the server's day (the new-year project runs its clock late on 31 December).
	const frozenAt = (await entry
		.locator('dt', { hasText: 'Festgeschrieben am' })
		.locator('xpath=following-sibling::dd[1]')
		.textContent())!;
	expect(approvalDays.map((day) => day.date)).toContain(frozenAt.split(',')[0]);
	await expectNoSeriousA11yViolations(chair.page);

	// Numbered in the Berlin year of the approval.
	await chair.page.goto(`/b/${MAIN_BOARD}/decisions`);
	await expect(chair.page.locator('main')).toContainText(item);
	const number = (await chair.page.locator('tbody tr', { hasText: item }).locator('th').textContent())!.trim();
	expect(approvalDays.map((day) => day.year)).toContain(number.split('/')[0]);

	// The frozen text shows its real state, in the library and on its page, not "Entwurf".
	await page.goto(`/b/${MAIN_BOARD}/papers`);
	await expect(
		page
			.locator('tbody tr', { hasText: meetingTitle })
			.locator('.badge:not([data-testid="changed-since-read"])')
			.first()
	).toHaveText('Genehmigt – festgeschrieben');

	// The office's editor is read-only now: a reload gets a 'view' ticket and typing changes nothing.
	await page.goto(paperUrl);
	await expect(page.locator('.paper-meta .badge').first()).toHaveText('Genehmigt – festgeschrieben');
	await expect(editorContent(page)).toContainText(decision);
	await expect(page.locator('.paper-editor')).toHaveAttribute('data-editable', 'false', { timeout: 15_000 });
	await expect(page.locator('.readonly-note')).toBeVisible();
	await chair.context.close();
	await officeContext.close();
});
