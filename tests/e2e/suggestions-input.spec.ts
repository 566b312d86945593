// Suggestions (#15) beyond plain typing: a commenter suggests a paragraph break with Enter and text through an
// IME composition (Chromium's DevTools protocol composes like a dead key or a Japanese IME) and a join with
// Backspace; the server keeps all (they survive a reload), the author sees the breaks as pilcrows, rejects the
// split and accepts the join.
import { expect, test } from '@playwright/test';
import { freshPage } from './support';
import { createPaper, editorContent, uniqueTitle, waitForEditor } from './papers-support';
import { shareForComment } from './suggestions-support';
import { caretBefore } from './comments-support';

test('a commenter suggests breaks and composed text; the author rejects the split and accepts the join', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const office = await freshPage(browser, 'office@beirat.example');
	const member = await freshPage(browser, 'member@beirat.example');
	const address = await createPaper(office.page, { title: uniqueTitle('Absatzvorschlag') });
	await waitForEditor(office.page);
	await editorContent(office.page).click();
	await office.page.keyboard.type('Wir fördern Betriebe in Hamm.');
	await office.page.keyboard.press('Enter');
	await office.page.keyboard.type('Und Vereine.');
	await expect(office.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	await shareForComment(office.page, address);

	await member.page.goto(address);
	await waitForEditor(member.page);
	await expect(member.page.getByTestId('suggest-only')).toBeVisible();
	const memberText = editorContent(member.page);
	// Enter before "in": a suggested break, the new paragraph marked with the author's pilcrow.
	await caretBefore(member.page, 'in Hamm');
	await member.page.keyboard.press('Enter');
	await expect(memberText.locator('p')).toHaveCount(3);
	await expect(memberText.locator('p[data-suggested-break="insert"]')).toHaveText('in Hamm.');
	await expect(member.page.getByTestId('suggestion-item')).toContainText('Neuer Absatz');
	// Composition (IME) at the end of the first paragraph becomes a suggested insertion once it ends.
	await member.page.keyboard.press('ArrowLeft');
	const cdp = await member.context.newCDPSession(member.page);
	await cdp.send('Input.imeSetComposition', { text: 'k', selectionStart: 1, selectionEnd: 1 });
	await cdp.send('Input.imeSetComposition', { text: 'かん', selectionStart: 2, selectionEnd: 2 });
	await cdp.send('Input.insertText', { text: '漢字' });
	await expect(memberText.locator('ins.suggestion')).toHaveText('漢字');
	// Backspace at the start of a paragraph suggests joining it to the one before.
	await caretBefore(member.page, 'Und Vereine');
	await member.page.keyboard.press('Backspace');
	await expect(memberText.locator('p[data-suggested-break="delete"]')).toHaveText('Und Vereine.');
	await expect(member.page.getByTestId('suggestion-item').filter({ hasText: 'Absätze verbinden' })).toHaveCount(1);
	await expect(member.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	// The server kept both.
	await member.page.reload();
	await waitForEditor(member.page);
	await expect(memberText.locator('p[data-suggested-break="insert"]')).toHaveText('in Hamm.');
	await expect(memberText.locator('p[data-suggested-break="delete"]')).toHaveText('Und Vereine.');
	await expect(memberText.locator('ins.suggestion')).toHaveText('漢字');

	// The author rejects the split and accepts the join: one paragraph; the composed text is still a suggestion.
	await office.page.goto(address);
	await waitForEditor(office.page);
	const officeText = editorContent(office.page);
	await expect(officeText.locator('p[data-suggested-break]')).toHaveCount(2);
	await office.page.getByRole('button', { name: 'Vorschlag von Jonas Albers ablehnen: ¶ in Hamm.' }).click();
	await expect(officeText.locator('p')).toHaveCount(2);
	await office.page.getByRole('button', { name: 'Vorschlag von Jonas Albers annehmen: ¶ Und Vereine.' }).click();
	await expect(officeText.locator('p')).toHaveCount(1);
	await expect(officeText.locator('p')).toContainText('Wir fördern Betriebe 漢字in Hamm.Und Vereine.');
	await expect(memberText.locator('p')).toHaveCount(1);
	await expect(officeText.locator('ins.suggestion')).toHaveText('漢字');
	await expect(office.page.getByTestId('suggestion-item')).toHaveCount(1);
	await office.context.close();
	await member.context.close();
});
