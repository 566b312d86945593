import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, freshPage, OFFICE } from './support';
import { createPaper, editorContent, LIBRARY, typeAtEnd, uniqueTitle, waitForEditor } from './papers-support';

const MEMBER = 'member@beirat.example';
const MEMBER2 = 'member2@beirat.example';
const GUEST = 'guest@beirat.example';

test('office and a member co-edit a paper live; a viewer only reads', async ({ browser }) => {
	const office = await freshPage(browser, OFFICE);
	const member = await freshPage(browser, MEMBER);
	const viewer = await freshPage(browser, MEMBER2);
	try {
		const title = uniqueTitle('Gemeinsames Papier');
		const address = await createPaper(office.page, { title, tags: 'E2E, Innovation' });

		// Restrict the paper to named people: the member edits, member2 only reads.
		await office.page.goto(`${address}/settings`);
		await office.page.getByLabel('Wer sieht das Papier?').selectOption({ label: 'Nur benannte Personen' });
		await office.page.getByRole('button', { name: 'Sichtbarkeit speichern' }).click();
		await expect(office.page.getByRole('status').filter({ hasText: 'Der Zugriff ist gespeichert' })).toBeVisible();
		for (const [person, level] of [
			['Jonas Albers', 'Bearbeiten'],
			['Dr. Aylin Demir', 'Lesen']
		] as const) {
			const grant = office.page
				.locator('form[action="?/grant"]')
				.filter({ has: office.page.locator('#field-userId-new') });
			await grant.locator('#field-userId-new').selectOption({ label: `${person} (Mitglied)` });
			await grant.locator('#field-access-new').selectOption({ label: level });
			await grant.getByRole('button', { name: 'Recht vergeben' }).click();
			await expect(office.page.getByRole('status')).toHaveText(`${person} hat jetzt das Recht „${level}“.`);
		}

		await office.page.goto(address);
		await member.page.goto(address);
		await waitForEditor(office.page);
		await waitForEditor(member.page);
		await expect(editorContent(office.page)).toHaveAttribute('contenteditable', 'true');
		await expect(office.page.getByRole('toolbar', { name: 'Formatierung' })).toBeVisible();

		await typeAtEnd(office.page, 'Satz aus der Geschäftsstelle.');
		await typeAtEnd(member.page, 'Satz von Jonas Albers.');
		for (const page of [office.page, member.page]) {
			await expect(editorContent(page)).toContainText('Satz aus der Geschäftsstelle.');
			await expect(editorContent(page)).toContainText('Satz von Jonas Albers.');
		}
		// Remote carets carry the other person's name (from the server-stamped awareness).
		await expect(office.page.locator('.collaboration-carets__label', { hasText: 'Jonas Albers' })).toBeVisible();
		await expect(member.page.locator('.collaboration-carets__label', { hasText: 'Sabine Wolter' })).toBeVisible();
		// Presence lists both, once each.
		const presence = office.page.getByTestId('presence');
		await expect(presence.getByRole('listitem')).toHaveText(['Sabine Wolter (Sie)', 'Jonas Albers']);
		// Saved only after the server confirmed the commit.
		await expect(office.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
		await expect(member.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });

		await viewer.page.goto(address);
		await waitForEditor(viewer.page);
		await expect(editorContent(viewer.page)).toContainText('Satz von Jonas Albers.');
		await expect(editorContent(viewer.page)).toHaveAttribute('contenteditable', 'false');
		await expect(viewer.page.getByRole('textbox', { name: `Inhalt von „${title}“` })).toHaveAttribute(
			'aria-readonly',
			'true'
		);
		await expect(viewer.page.getByRole('toolbar')).toHaveCount(0);
		await expect(viewer.page.getByText('Sie können dieses Papier lesen, aber nicht bearbeiten.')).toBeVisible();
		await editorContent(viewer.page).click();
		await viewer.page.keyboard.type('Darf nicht erscheinen');
		await expect(editorContent(viewer.page)).not.toContainText('Darf nicht erscheinen');
		await expect(editorContent(office.page)).not.toContainText('Darf nicht erscheinen');
		await expect(office.page.getByTestId('presence').getByRole('listitem')).toHaveText([
			'Sabine Wolter (Sie)',
			'Dr. Aylin Demir',
			'Jonas Albers'
		]);
	} finally {
		await Promise.all([office.context.close(), member.context.close(), viewer.context.close()]);
	}
});

test('a guest sees only the papers shared with them by name', async ({ browser }) => {
	const office = await freshPage(browser, OFFICE);
	const guest = await freshPage(browser, GUEST);
	try {
		const restricted = uniqueTitle('Nur für Benannte');
		const board = uniqueTitle('Für das Gremium');
		await createPaper(office.page, { title: restricted, visibility: 'Nur benannte Personen' });
		await createPaper(office.page, { title: board });

		await guest.page.goto(LIBRARY);
		const list = guest.page.locator('main');
		// The demo paper is shared with the guest by name (English UI: the guest's language is en).
		await expect(
			list.getByRole('link', { name: 'Handlungsfeld Innovation und Gründungen', exact: true })
		).toBeVisible();
		await expect(list.getByText(restricted)).toHaveCount(0);
		await expect(list.getByText(board)).toHaveCount(0);
		await expect(list.getByText('Vertraulich: Flächenreserve Ansiedlung Nord')).toHaveCount(0);
		await expect(guest.page.locator('form[action="?/create"]')).toHaveCount(0);
	} finally {
		await Promise.all([office.context.close(), guest.context.close()]);
	}
});

test('filters the library and deletes a paper after confirming, without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await page.goto('/login');
		await page.locator('#field-email').fill(OFFICE);
		await page.locator('#field-password').fill('beirat-demo');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		const title = uniqueTitle('Zum Löschen');
		const address = await createPaper(page, { title, tags: 'Löschtest', withoutJavaScript: true });
		await expect(page.getByText('Zum Bearbeiten braucht er JavaScript.', { exact: false })).toBeVisible();

		await page.goto(`${LIBRARY}?q=${encodeURIComponent(title)}`);
		await expect(page.locator('tbody tr')).toHaveCount(1);
		await page.getByLabel('Status').selectOption({ label: 'Beschlossen' });
		await page.getByRole('button', { name: 'Anwenden' }).click();
		await expect(page.getByText('Keine Papiere gefunden.')).toBeVisible();

		await page.goto(`${address}/settings`);
		await page.getByRole('link', { name: 'Papier löschen …' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Papier löschen?' })).toBeVisible();
		await page.getByRole('button', { name: 'Endgültig löschen' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Das Papier ist gelöscht.' })).toBeVisible();
		await page.goto(`${LIBRARY}?q=${encodeURIComponent(title)}`);
		await expect(page.getByText('Keine Papiere gefunden.')).toBeVisible();
		expect((await page.goto(address))?.status()).toBe(404);
	} finally {
		await context.close();
	}
});

test('edits made while the socket is down are kept in the browser, survive a reload and merge on reconnect', async ({
	browser
}) => {
	const office = await freshPage(browser, OFFICE);
	const member = await freshPage(browser, MEMBER);
	try {
		const address = await createPaper(office.page, { title: uniqueTitle('Offline') });
		await waitForEditor(office.page);
		await typeAtEnd(office.page, 'Vor der Trennung.');
		// The member's collaboration socket goes through a switch: while "down", every connection is closed at once.
		let down = false;
		await member.page.routeWebSocket(/\/collab\//, (socket) => {
			if (down) socket.close();
			else socket.connectToServer();
		});
		await member.page.goto(address);
		await waitForEditor(member.page);
		await expect(editorContent(member.page)).toContainText('Vor der Trennung.');

		down = true;
		await member.page.reload();
		await expect(editorContent(member.page)).toContainText('Vor der Trennung.');
		await expect(member.page.getByTestId('connection')).not.toHaveText('Verbindung: Verbunden');
		await typeAtEnd(member.page, 'Offline geschrieben.');
		await expect(member.page.getByTestId('saved')).toHaveText('Ungespeicherte Änderungen');
		// A reload while the socket is down shows the offline edit again (from IndexedDB).
		await member.page.reload();
		await expect(editorContent(member.page)).toContainText('Offline geschrieben.');
		await expect(editorContent(office.page)).not.toContainText('Offline geschrieben.');

		down = false;
		await member.page.evaluate(() => window.dispatchEvent(new Event('online')));
		await expect(member.page.getByTestId('connection')).toHaveText('Verbindung: Verbunden', { timeout: 15_000 });
		await expect(editorContent(office.page)).toContainText('Offline geschrieben.');
		await expect(member.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
	} finally {
		await Promise.all([office.context.close(), member.context.close()]);
	}
});

test('an access change reaches an open editor, and the library names who edited last', async ({ browser }) => {
	const office = await freshPage(browser, OFFICE);
	const member = await freshPage(browser, MEMBER);
	try {
		const title = uniqueTitle('Rechte live');
		const address = await createPaper(office.page, { title });
		await member.page.goto(address);
		await waitForEditor(member.page);
		await typeAtEnd(member.page, 'Vom Mitglied geschrieben.');
		await expect(member.page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });

		await office.page.goto(`${LIBRARY}?q=${encodeURIComponent(title)}`);
		await expect(office.page.locator('tbody tr')).toContainText('von Jonas Albers');

		await office.page.goto(`${address}/settings`);
		await office.page.getByLabel('Recht des Gremiums').selectOption({ label: 'Lesen' });
		await office.page.getByRole('button', { name: 'Sichtbarkeit speichern' }).click();
		await expect(office.page.getByRole('status')).toContainText('Der Zugriff ist gespeichert');
		// The server closes the member's socket; the editor reconnects with a fresh ticket and turns read-only.
		await expect(editorContent(member.page)).toHaveAttribute('contenteditable', 'false', { timeout: 15_000 });
		await expect(editorContent(member.page)).toHaveAttribute('aria-readonly', 'true');
		await expect(member.page.getByRole('toolbar')).toHaveCount(0);
		await expect(editorContent(member.page)).toContainText('Vom Mitglied geschrieben.');
		await expect(member.page.getByTestId('connection')).toHaveText('Verbindung: Verbunden', { timeout: 15_000 });
	} finally {
		await Promise.all([office.context.close(), member.context.close()]);
	}
});

test('the formatting toolbar is reachable and operable with the keyboard', async ({ browser }) => {
	const { context, page } = await freshPage(browser, OFFICE);
	try {
		await createPaper(page, { title: uniqueTitle('Tastatur') });
		await waitForEditor(page);
		const toolbar = page.getByRole('toolbar', { name: 'Formatierung' });
		await editorContent(page).click();
		await page.keyboard.type('Anfang ');
		// Alt+F10 enters the toolbar (one tab stop), arrows move, Escape returns to the text.
		await page.keyboard.press('Alt+F10');
		await expect(toolbar.getByRole('button', { name: 'Rückgängig' })).toBeFocused();
		await page.keyboard.press('ArrowRight');
		await expect(toolbar.getByRole('button', { name: 'Wiederholen' })).toBeFocused();
		await page.keyboard.press('End');
		await expect(toolbar.getByRole('button', { name: 'Tabelle löschen' })).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(editorContent(page)).toBeFocused();
		await page.keyboard.press('Control+b');
		await page.keyboard.type('fett');
		await expect(editorContent(page).locator('strong')).toHaveText('fett');
		await expect(toolbar.getByRole('button', { name: 'Fett' })).toHaveAttribute('aria-pressed', 'true');
		await toolbar.getByRole('button', { name: 'Überschrift 2' }).click();
		await expect(editorContent(page).locator('h2')).toContainText('Anfang');
		await expect(toolbar.getByRole('button', { name: 'Überschrift 2' })).toHaveAttribute('aria-pressed', 'true');
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Enter');
		await page.keyboard.type('Stadt Hamm');
		// Select only once the typed text is in the document: a selection made earlier can land short.
		await expect(editorContent(page)).toContainText('Stadt Hamm');
		for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowLeft');
		await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Hamm');
		page.once('dialog', (dialog) => void dialog.accept('https://www.hamm.de'));
		await page.keyboard.press('Control+k');
		await expect(editorContent(page).locator('a[href="https://www.hamm.de"]')).toHaveText('Hamm');
		await page.keyboard.press('End');
		await toolbar.getByRole('button', { name: 'Tabelle einfügen' }).click();
		await expect(editorContent(page).locator('table')).toBeVisible();
		await expect(page.getByTestId('saved')).toHaveText('Gespeichert', { timeout: 15_000 });
		// Shortcuts are listed for everyone, not only in tooltips.
		await page.getByText('Tastenkürzel').click();
		await expect(page.locator('.shortcuts dd', { hasText: 'Strg+B' })).toBeVisible();
	} finally {
		await context.close();
	}
});

test('library and editor pass an axe scan', async ({ browser }) => {
	const { context, page } = await freshPage(browser, OFFICE);
	try {
		await page.goto(LIBRARY);
		await expectNoSeriousA11yViolations(page);
		await page.getByRole('link', { name: 'Handlungsfeld Innovation und Gründungen', exact: true }).click();
		await waitForEditor(page);
		await expectNoSeriousA11yViolations(page);
	} finally {
		await context.close();
	}
});
