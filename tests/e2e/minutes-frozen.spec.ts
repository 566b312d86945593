import type { WebSocketRoute } from '@playwright/test';
import { expect, formReady, freshPage, MAIN_BOARD, OFFICE, test } from './support';
import { uniqueTitle } from './agenda-support';
import { scheduleByPoll } from './meetings-support';
import { editorContent, typeAtEnd, waitForEditor } from './papers-support';
import { minutesStep, minutesUrl } from './minutes-support';

// Issue #11: edits that reach the server after the minutes were approved are not silently dropped.
test('edits that reach approved minutes are refused out loud and offered for copying; the approved text stays', async ({
	browser
}) => {
	// Three people, a date poll and two editors on a shared 2-core machine: well beyond the default.
	test.setTimeout(240_000);
	const office = await freshPage(browser, OFFICE);
	const page = office.page;
	const meetingTitle = uniqueTitle('Sitzung festgeschrieben');
	const meetingId = await scheduleByPoll(browser, page, meetingTitle);
	await page.goto(`/b/${MAIN_BOARD}/meetings/${meetingId}/agenda`);
	await expect(page.locator('main')).toContainText('Genehmigung des Protokolls der letzten Sitzung');

	// The office writes the minutes and sends them for review.
	await page.goto(minutesUrl(meetingId));
	await minutesStep(page, 'Protokoll aus der Tagesordnung erstellen', 'Das Protokoll wurde erstellt.');
	await page.getByRole('link', { name: 'Protokoll im Editor öffnen' }).click();
	await waitForEditor(page);
	const paperUrl = new URL(page.url()).pathname;
	const approved = `Genehmigter Wortlaut ${Date.now()}.`;
	await typeAtEnd(page, approved);
	await expect(page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	await page.goto(minutesUrl(meetingId));
	await minutesStep(page, 'Zur Prüfung versenden', 'Das Protokoll wurde zur Prüfung versendet.');

	// The author has the text open; their connection drops (socket and tickets), the editor keeps working.
	let offline = false;
	const sockets: WebSocketRoute[] = [];
	await page.routeWebSocket(/\/collab\//, (socket) => {
		if (offline) return socket.close();
		sockets.push(socket);
		socket.connectToServer();
	});
	await page.route('**/api/collab/ticket', (route) =>
		offline ? route.abort('internetdisconnected') : route.continue()
	);
	await page.goto(paperUrl);
	// The editor mounts after hydration, which takes a while on a busy machine.
	await expect(editorContent(page)).toBeVisible({ timeout: 20_000 });
	await waitForEditor(page);
	await expect(editorContent(page)).toContainText(approved);
	offline = true;
	for (const socket of sockets) await socket.close();
	await expect(page.getByTestId('connection')).not.toHaveText('Verbindung: Verbunden');
	await expect(page.locator('.paper-editor')).toHaveAttribute('data-editable', 'true');

	// Meanwhile the chair approves the minutes: the text is frozen.
	const chair = await freshPage(browser, 'chair@beirat.example');
	await chair.page.goto(minutesUrl(meetingId));
	const approveForm = await formReady(chair.page.locator('form[action="?/approve"]'));
	await approveForm.getByRole('button', { name: 'Protokoll genehmigen' }).click();
	await expect(chair.page.getByRole('alert')).toContainText('hat noch keinen Beschlusstext');
	await approveForm.getByLabel('Ohne Beschlusstext genehmigen').check();
	await minutesStep(chair.page, 'Protokoll genehmigen', 'Das Protokoll wurde genehmigt und festgeschrieben.');
	await expect(chair.page.locator('.minutes-entry')).toContainText('Genehmigt');

	// The author, still offline, types; once back, the server refuses the edit (close 4423) and says why.
	const late = `Nach der Genehmigung getippt ${Date.now()}.`;
	await typeAtEnd(page, late);
	await expect(page.getByTestId('saved')).toHaveText('Ungespeicherte Änderungen');
	offline = false;
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByTestId('edit-refused')).toHaveText(
		'Das Protokoll ist genehmigt; Ihre letzten Änderungen wurden nicht übernommen. Unten steht Ihr Text mit diesen Änderungen zum Kopieren.',
		{ timeout: 15_000 }
	);
	await expect(page.locator('.paper-editor')).toHaveAttribute('data-editable', 'false');
	await expect(page.getByTestId('saved')).toHaveCount(0);

	// The unsent text is offered for copying, and copying it puts the typed words on the clipboard.
	const unsent = page.getByLabel('Ihr Text mit den nicht übernommenen Änderungen');
	await expect(unsent).toHaveValue(
		new RegExp(`${approved.replace(/\./g, '\\.')}[\\s\\S]*${late.replace(/\./g, '\\.')}`)
	);
	await office.context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await unsent.focus();
	await page.keyboard.press('Control+A');
	await page.keyboard.press('Control+C');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(late);

	// Not silently dropped on reload either: the edit is still kept in this browser and refused again.
	await page.reload();
	await expect(page.getByTestId('edit-refused')).toBeVisible({ timeout: 15_000 });
	await expect(unsent).toHaveValue(new RegExp(late.replace(/\./g, '\\.')));

	// The server kept the approved text: the chair sees it without the late edit.
	await chair.page.goto(paperUrl);
	await expect(editorContent(chair.page)).toBeVisible({ timeout: 20_000 });
	await expect(chair.page.getByTestId('connection')).toHaveText('Verbindung: Verbunden', { timeout: 15_000 });
	await expect(editorContent(chair.page)).toContainText(approved);
	await expect(editorContent(chair.page)).not.toContainText(late);

	// The author discards the local edit: the reload shows the approved text, read-only, and no refusal.
	await page.getByRole('button', { name: 'Änderungen verwerfen und gespeicherten Text laden' }).click();
	await expect(page.getByTestId('edit-refused')).toHaveCount(0);
	await expect(editorContent(page)).toBeVisible({ timeout: 20_000 });
	await waitForEditor(page);
	await expect(editorContent(page)).toContainText(approved);
	await expect(editorContent(page)).not.toContainText(late);
	await expect(page.locator('.paper-editor')).toHaveAttribute('data-editable', 'false');
	await expect(page.getByTestId('edit-refused')).toHaveCount(0);

	await chair.context.close();
	await office.context.close();
});
