import {
	expect as baseExpect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	mailLink,
	MAIN_BOARD,
	newMember,
	OTHER_BOARD,
	signIn,
	test,
	uniqueEmail
} from './support';
import { importPaper, selectText } from './comments-support';
import { downloadBy, meetingWithItem } from './files-support';
import { pdfText } from './agenda-support';
import { editorContent, waitForEditor } from './papers-support';

// A busy machine renders the editor pages slowly: this flow waits longer than the suite's default.
const expect = baseExpect.configure({ timeout: 30_000 });

/** A `datetime-local` value `days` from now at 18:00, Berlin wall-clock time. */
function berlinLocal(days: number): string {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	return `${day}T18:00`;
}

test('office opens a consultation, an invited contributor comments, the round closes with a summary on the agenda', async ({
	page,
	browser
}) => {
	test.setTimeout(360_000);
	const title = `Beteiligungsprobe ${Date.now()}`;
	await signIn(page, 'office@beirat.example');
	const paperUrl = await importPaper(
		page,
		{
			title,
			markdown: `# ${title}\n\n## Ausbildung\n\nDie Ausbildung im Handwerk stärken.\n\n## Zuwanderung\n\nAnerkennung beschleunigen.\n`
		},
		{ timeout: 30_000 }
	);

	// Open the round: one board member and one contributor by e-mail.
	await expect(page.getByRole('link', { name: 'Beteiligung', exact: true })).toHaveAttribute(
		'href',
		`${paperUrl}/rounds`
	);
	await page.goto(`${paperUrl}/rounds`);
	await expect(page.getByRole('heading', { level: 1, name: `Beteiligungsrunden zu „${title}“` })).toBeVisible();
	await expectNoSeriousA11yViolations(page);
	const contributor = uniqueEmail('amt');
	const form = await formReady(page.locator('form[action="?/open"]'));
	await form.getByLabel('Frage an die Beteiligten').fill('Was fehlt aus Sicht der Fachämter?');
	await form.getByLabel('Ende der Runde').fill(berlinLocal(10));
	await form.getByRole('group', { name: 'Mitglieder des Gremiums' }).getByRole('checkbox').first().check();
	await form.getByLabel(/^Beteiligte von außen/).fill(contributor);
	await form.getByRole('button', { name: 'Beteiligung eröffnen' }).click();
	await expect(page.getByText('Die Beteiligung ist eröffnet; die Einladungen sind verschickt.')).toBeVisible();
	const roundUrl = new URL(page.url()).pathname;
	expect(roundUrl).toMatch(/\/rounds\/[0-9a-f-]{36}$/);
	await expect(page.getByText(`Eingeladen, noch nicht angenommen: ${contributor}`)).toBeVisible();

	// The contributor accepts the invitation from the mail and comments on the paper.
	const link = await mailLink(browser, contributor, '/invite/');
	const guest = await freshPage(browser);
	try {
		// Accepting leads to the round's page, not the dashboard.
		await guest.page.goto(link);
		await formReady(guest.page.locator('form', { has: guest.page.locator('#field-displayName') }));
		await guest.page.locator('#field-displayName').fill('Dana Fachamt');
		await guest.page.locator('#field-password').fill(`pw-${Date.now()}-lang-genug`);
		await guest.page.getByRole('button', { name: 'Einladung annehmen' }).click();
		await expect(guest.page).toHaveURL(new RegExp(`${roundUrl}$`));
		await expect(guest.page.getByText('Was fehlt aus Sicht der Fachämter?')).toBeVisible();
		await expect(guest.page.getByText('Wer wurde gefragt')).toHaveCount(0);
		await expectNoSeriousA11yViolations(guest.page);
		await expect(guest.page.getByRole('link', { name: /Papier öffnen/ })).toHaveAttribute('href', paperUrl);
		await guest.page.goto(paperUrl);
		await selectText(guest.page, 'Handwerk');
		const panel = guest.page.getByRole('complementary', { name: 'Kommentare' });
		const comment = panel.getByTestId('new-comment');
		await expect(comment).toHaveAttribute('data-e2e-enhanced', '');
		await comment.getByLabel('Kommentar', { exact: true }).fill('Bitte die Berufskollegs einbeziehen.');
		await comment.getByRole('button', { name: 'Kommentieren' }).click();
		await expect(panel.getByRole('status')).toHaveText('Kommentar gespeichert.');
		// A contributor only suggests: replacing a word becomes a suggestion (deletion and insertion).
		await guest.page.goto(paperUrl);
		await waitForEditor(guest.page);
		await expect(guest.page.getByTestId('suggest-only')).toBeVisible();
		await selectText(guest.page, 'beschleunigen');
		await guest.page.keyboard.type('zügig umsetzen');
		await expect(editorContent(guest.page).locator('ins.suggestion')).toHaveText('zügig umsetzen');
		await expect(guest.page.getByTestId('saved')).toHaveText('Gespeichert');
		// Nothing else of the board: the library lists this paper only, another paper is not found.
		await guest.page.goto(`/b/${MAIN_BOARD}/papers`);
		await expect(guest.page.getByRole('link', { name: title })).toBeVisible();
		const other = await guest.page.goto(`/b/${MAIN_BOARD}/papers/00000000-0000-4000-8000-000000000a02`);
		expect(other?.status()).toBe(404);
	} finally {
		await guest.context.close();
	}

	// The round page shows who took part and the comment in its section.
	// The suggestions are recorded after the save; the round page shows them once they are.
	await expect(async () => {
		await page.goto(roundUrl);
		await expect(page.getByText('1 Kommentare, 2 Vorschläge')).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: 30_000 });
	await expect(page.getByText(/Dana Fachamt/).first()).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Zuwanderung' })).toBeVisible();
	await expect(page.getByText('zügig umsetzen', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Ausbildung' })).toBeVisible();
	await expect(page.getByText('Bitte die Berufskollegs einbeziehen.')).toBeVisible();
	await page.getByLabel('Stand').selectOption('answered');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page.getByText('Keine Einträge für diese Auswahl.')).toBeVisible();
	await page.goto(roundUrl);
	await expectNoSeriousA11yViolations(page);

	// A meeting to decide on the paper; the round closes with a summary that goes onto its agenda item.
	const meetingUrl = await meetingWithItem(page, { title: `Sitzung ${title}`, item: `Beschluss ${title}` });
	await page.goto(roundUrl);
	const close = await formReady(page.locator('form[action="?/close"]'));
	await close.getByLabel('Zusammenfassung für das Gremium').fill('Die Fachämter wünschen die Berufskollegs im Text.');
	await close.getByRole('button', { name: 'Mit Zusammenfassung abschließen' }).click();
	await expect(page.getByText('Die Runde ist abgeschlossen.')).toBeVisible();
	const pdf = await downloadBy(page, () => page.getByRole('link', { name: 'Zusammenfassung als PDF' }).click());
	expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
	const summaryText = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
	expect(summaryText).toContain('Die Fachämter wünschen die Berufskollegs im Text.');
	expect(summaryText).toContain('Bitte die Berufskollegs einbeziehen.');
	const attach = await formReady(page.locator('form[action="?/attach"]'));
	const option = attach.locator('option', { hasText: `Beschluss ${title}` });
	await attach.getByLabel('Tagesordnungspunkt').selectOption((await option.getAttribute('value'))!);
	await attach.getByRole('button', { name: 'Zusammenfassung (PDF) anhängen' }).click();
	await expect(page.getByText('Die Zusammenfassung hängt am Tagesordnungspunkt.')).toBeVisible();
	await page.goto(`${meetingUrl}/agenda`);
	await expect(page.getByText(/Beteiligung-zu/).first()).toBeVisible();

	// A phone: the round page fits 390 px.
	await page.setViewportSize({ width: 390, height: 800 });
	await page.goto(roundUrl);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);

	// Refused: signed out, the board's guest, a member of another board.
	const out = await freshPage(browser);
	try {
		await out.page.goto(roundUrl);
		await expect(out.page).toHaveURL(/\/login/);
	} finally {
		await out.context.close();
	}
	const boardGuest = await freshPage(browser, 'guest@beirat.example');
	try {
		const response = await boardGuest.page.goto(roundUrl);
		expect([403, 404]).toContain(response?.status());
	} finally {
		await boardGuest.context.close();
	}
	const stranger = await newMember(browser, OTHER_BOARD, 'fremd');
	try {
		const response = await stranger.page.goto(roundUrl);
		expect([403, 404]).toContain(response?.status());
		expect((await stranger.page.goto(`${paperUrl}/rounds`))?.status()).toBe(404);
	} finally {
		await stranger.context.close();
	}
});
