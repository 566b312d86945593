// Suggestions (track changes, #15): a commenter suggests, the author accepts one and rejects one with the
// keyboard, both see the same text live, the decisions are in the audit trail; axe clean; fits a phone.
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, freshPage, MAIN_BOARD } from './support';
import { selectText } from './comments-support';
import { createPaper, editorContent, uniqueTitle, waitForEditor } from './papers-support';

test('a commenter suggests; the author accepts one and rejects one by keyboard', async ({ browser }) => {
	// Two people, a paper, settings, the audit trail: longer than the default on a busy machine.
	test.setTimeout(180_000);
	const office = await freshPage(browser, 'office@beirat.example');
	const member = await freshPage(browser, 'member@beirat.example');
	// Other specs decide suggestions in the same board: count this test's decisions from here on.
	const decisions = `/b/${MAIN_BOARD}/audit?kind=paper_suggestion_decisions`;
	await office.page.goto(decisions);
	const decidedBefore = await office.page.getByText('Vorschlag entschieden').count();
	const title = uniqueTitle('Vorschläge');
	const address = await createPaper(office.page, { title });
	await waitForEditor(office.page);
	await editorContent(office.page).click();
	await office.page.keyboard.type('Wir fördern Betriebe in Hamm.');
	await expect(office.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	await office.page.goto(`${address}/settings`);
	await office.page.getByLabel('Wer sieht das Papier?').selectOption({ label: 'Nur benannte Personen' });
	await office.page.getByRole('button', { name: 'Sichtbarkeit speichern' }).click();
	await expect(office.page.getByRole('status').filter({ hasText: 'Der Zugriff ist gespeichert' })).toBeVisible();
	const grant = office.page.locator('form[action="?/grant"]').filter({ has: office.page.locator('#field-userId-new') });
	await grant.locator('#field-userId-new').selectOption({ label: 'Jonas Albers (Mitglied)' });
	await grant.locator('#field-access-new').selectOption({ label: 'Kommentieren' });
	await grant.getByRole('button', { name: 'Recht vergeben' }).click();
	await expect(office.page.getByRole('status')).toHaveText('Jonas Albers hat jetzt das Recht „Kommentieren“.');

	// The commenter can only suggest: selecting a word and typing suggests replacing it.
	await member.page.setViewportSize({ width: 390, height: 844 });
	await member.page.goto(address);
	await waitForEditor(member.page);
	await expect(member.page.getByTestId('suggest-only')).toBeVisible();
	await expect(member.page.getByTestId('mode-switch')).toHaveCount(0);
	await selectText(member.page, 'Betriebe');
	await member.page.keyboard.type('Unternehmen');
	const memberText = editorContent(member.page);
	await expect(memberText.locator('ins.suggestion')).toHaveText('Unternehmen');
	await expect(memberText.locator('del.suggestion')).toHaveText('Betriebe');
	await expect(member.page.getByTestId('saved')).toHaveText('Gespeichert');
	const memberItems = member.page.getByTestId('suggestion-item');
	await expect(memberItems).toHaveCount(2);
	await expect(member.page.getByRole('button', { name: /^Eigenen Vorschlag zurückziehen/ }).first()).toBeVisible();
	// Nothing wider than the phone.
	const overflow = await member.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	// The author sees both live, in the text and the list, and decides with the keyboard only.
	await office.page.goto(address);
	await waitForEditor(office.page);
	const officeText = editorContent(office.page);
	await expect(officeText.locator('ins.suggestion')).toHaveText('Unternehmen');
	await expect(office.page.getByTestId('suggestion-item')).toHaveCount(2);
	await expectNoSeriousA11yViolations(office.page);
	const accept = office.page.getByRole('button', { name: 'Vorschlag von Jonas Albers annehmen: Unternehmen' });
	await accept.focus();
	await office.page.keyboard.press('Enter');
	await expect(office.page.getByTestId('suggestion-item')).toHaveCount(1);
	const reject = office.page.getByRole('button', { name: 'Vorschlag von Jonas Albers ablehnen: Betriebe' });
	await reject.focus();
	await office.page.keyboard.press('Space');
	await expect(office.page.getByTestId('suggestion-item')).toHaveCount(0);
	await expect(officeText).toContainText('Wir fördern BetriebeUnternehmen');
	await expect(officeText.locator('.suggestion')).toHaveCount(0);
	// The commenter's editor follows live.
	await expect(memberText.locator('.suggestion')).toHaveCount(0);
	await expect(memberText).toContainText('Wir fördern BetriebeUnternehmen');

	// Both decisions leave a trace in the audit trail.
	await expect(async () => {
		await office.page.goto(decisions);
		await expect(office.page.getByText('Vorschlag entschieden')).toHaveCount(decidedBefore + 2);
	}).toPass({ timeout: 15_000 });

	// An editor switches to suggest mode: typing becomes a suggestion of theirs (alone, no other caret in the text).
	await member.context.close();
	await office.page.goto(address);
	await waitForEditor(office.page);
	await office.page.getByRole('radio', { name: 'Vorschlagen' }).check();
	await selectText(office.page, 'Hamm');
	await office.page.keyboard.type('Westfalen');
	await expect(editorContent(office.page).locator('ins.suggestion')).toHaveText('Westfalen');
	await office.context.close();
});
