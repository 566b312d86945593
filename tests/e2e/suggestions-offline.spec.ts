// Suggesting offline (#15): a commenter loses the connection, goes on suggesting, comes back; the server's
// guard accepts the merged suggestions after the reconnect, the author sees them live, and they are saved.
import { expect, test } from '@playwright/test';
import { freshPage } from './support';
import { selectText } from './comments-support';
import { createPaper, editorContent, uniqueTitle, waitForEditor } from './papers-support';
import { shareForComment } from './suggestions-support';

test('a commenter suggests offline; after the reconnect the suggestion reaches the author and is saved', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const office = await freshPage(browser, 'office@beirat.example');
	const member = await freshPage(browser, 'member@beirat.example');
	const address = await createPaper(office.page, { title: uniqueTitle('Offline vorschlagen') });
	await waitForEditor(office.page);
	await editorContent(office.page).click();
	await office.page.keyboard.type('Wir fördern Betriebe in Hamm.');
	await expect(office.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	await shareForComment(office.page, address);
	await office.page.goto(address);
	await waitForEditor(office.page);
	const officeText = editorContent(office.page);

	await member.page.goto(address);
	await waitForEditor(member.page);
	await expect(member.page.getByTestId('connection')).toHaveText('Verbindung: Verbunden');
	const memberText = editorContent(member.page);

	// Offline: the editor keeps working, the suggestions wait in the browser.
	await member.context.setOffline(true);
	await expect(member.page.getByTestId('connection')).toHaveText('Verbindung: Getrennt', { timeout: 15_000 });
	await selectText(member.page, 'Betriebe');
	await member.page.keyboard.type('Unternehmen');
	await member.page.keyboard.press('End');
	await member.page.keyboard.press('Enter');
	await member.page.keyboard.type('Und Vereine.');
	await expect(memberText.locator('ins.suggestion')).toHaveText(['Unternehmen', 'Und Vereine.']);
	await expect(memberText.locator('del.suggestion')).toHaveText('Betriebe');
	await expect(member.page.getByTestId('saved')).toHaveText('Ungespeicherte Änderungen');
	await expect(member.page.getByText('Ihre Änderungen bleiben in diesem Browser gespeichert')).toBeVisible();
	await office.page.waitForTimeout(1_000);
	await expect(officeText.locator('.suggestion')).toHaveCount(0);

	// Back online: the session reconnects, the server accepts the suggestions, the author sees them.
	await member.context.setOffline(false);
	await expect(member.page.getByTestId('connection')).toHaveText('Verbindung: Verbunden', { timeout: 20_000 });
	await expect(member.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	await expect(member.page.getByTestId('edit-refused')).toHaveCount(0);
	await expect(officeText.locator('ins.suggestion')).toHaveText(['Unternehmen', 'Und Vereine.']);
	await expect(officeText.locator('del.suggestion')).toHaveText('Betriebe');
	// (The member's caret and name may sit in that paragraph.)
	await expect(officeText.locator('p[data-suggested-break="insert"]')).toContainText('Und Vereine.');
	await expect(office.page.getByTestId('suggestion-item')).toHaveCount(4);

	// Saved on the server: a reload (the member's browser storage aside) shows them.
	await office.page.reload();
	await waitForEditor(office.page);
	await expect(officeText.locator('ins.suggestion')).toHaveText(['Unternehmen', 'Und Vereine.']);
	await expect(officeText.locator('del.suggestion')).toHaveText('Betriebe');
	await office.context.close();
	await member.context.close();
});
