// A strategy paper through a consultation round (#15), three people at once: the office (the paper's author)
// opens a round and invites a contributor by e-mail; the contributor follows the mail's link and suggests
// text; a board member comments and watches the suggestions arrive live; the author accepts one suggestion
// and rejects the other with the keyboard only; the round closes with a summary whose PDF says what the
// consultation brought; the member opens the paper again and sees what changed since their last visit.
// axe on every page on the way.
import type { Locator, Page } from '@playwright/test';
import {
	expect as baseExpect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	mailLink,
	MAIN_BOARD,
	signIn,
	test,
	uniqueEmail
} from './support';
import { downloadBy } from './files-support';
import { pdfText } from './agenda-support';
import { editorContent, waitForEditor } from './papers-support';
import { importPaper } from './comments-support';
import { testNow } from './clock';

// Three people and a collaboration server on a busy machine: every expectation gets room.
const expect = baseExpect.configure({ timeout: 30_000 });

/** A `datetime-local` value `days` after the server's now at 18:00, Berlin wall-clock time. */
function berlinLocal(days: number): string {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(testNow() + days * 86_400_000)
	);
	return `${day}T18:00`;
}

/** The paper's text as the editor shows it, without the other people's caret labels. */
const paperWords = (content: Locator) => () =>
	content.evaluate((root) => {
		const copy = root.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
		return [...copy.children].map((block) => block.textContent ?? '').join('\n');
	});

/**
 * Selects `text` in the editor (or puts the caret right after it) as a mouse would, and waits until the
 * editor itself has taken that selection: a key pressed before would act on the previous one.
 */
async function selectInEditor(page: Page, text: string, caretAfter = false): Promise<void> {
	const content = editorContent(page);
	await expect(content).toContainText(text);
	await expect(async () => {
		await content.evaluate(
			(root, input) => {
				const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					const at = node.textContent?.indexOf(input.text) ?? -1;
					if (at < 0) continue;
					const range = document.createRange();
					range.setStart(node, input.caretAfter ? at + input.text.length : at);
					range.setEnd(node, at + input.text.length);
					(root as HTMLElement).focus();
					const selection = window.getSelection()!;
					selection.removeAllRanges();
					selection.addRange(range);
					document.dispatchEvent(new Event('selectionchange'));
					return;
				}
				throw new Error(`text not found: ${input.text}`);
			},
			{ text, caretAfter }
		);
		await expect
			.poll(
				() =>
					content.evaluate((root, caret) => {
						type State = {
							selection: { from: number; to: number; empty: boolean };
							doc: { textBetween(from: number, to: number): string };
						};
						const editor = (root as HTMLElement & { editor?: { state: State } }).editor;
						if (!editor) return null;
						const { selection, doc } = editor.state;
						if (!caret) return doc.textBetween(selection.from, selection.to);
						return selection.empty ? doc.textBetween(Math.max(0, selection.from - 40), selection.from) : null;
					}, caretAfter),
				{ timeout: 2_000 }
			)
			.toMatch(caretAfter ? new RegExp(`${text}$`) : new RegExp(`^${text}$`));
	}).toPass({ timeout: 20_000 });
}

/** Whether `target` has the keyboard focus. */
const focused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** What has the focus, for failure messages: tag and accessible label or text. */
const focusName = (page: Page) =>
	page.evaluate(() => {
		const element = document.activeElement;
		if (!element || element === document.body) return 'body';
		const label = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 60) ?? '';
		return `${element.tagName.toLowerCase()} ${label}`;
	});

/** Presses Tab (only the keyboard) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
	await expect(target).toBeVisible();
	for (let presses = 0; presses < max; presses += 1) {
		if (await focused(target)) return;
		await page.keyboard.press('Tab');
	}
	if (await focused(target)) return;
	throw new Error(`Tab never reached the target; the focus is on ${await focusName(page)}`);
}

test('a consultation round with three people: suggest, comment, decide by keyboard, summary PDF, changed since read', async ({
	page,
	browser
}) => {
	// Three people, an invitation, a round from opening to summary and eight pages with axe.
	test.setTimeout(480_000);
	const office = page;
	await signIn(office, 'office@beirat.example');
	const title = `Beteiligung im Fluss ${Date.now()}`;
	const paperUrl = await importPaper(
		office,
		{
			title,
			markdown: `# ${title}\n\n## Ausbildung\n\nDie Ausbildung im Handwerk stärken.\n\n## Zuwanderung\n\nAnerkennungsverfahren deutlich beschleunigen.\n`
		},
		{ timeout: 30_000 }
	);

	// The office opens the round: a member of the board and a contributor from outside, invited by e-mail.
	await office.goto(`${paperUrl}/rounds`);
	await expect(office.getByRole('heading', { level: 1, name: `Beteiligungsrunden zu „${title}“` })).toBeVisible();
	await expectNoSeriousA11yViolations(office);
	const contributorEmail = uniqueEmail('fachamt');
	const open = await formReady(office.locator('form[action="?/open"]'));
	await open.getByLabel('Frage an die Beteiligten').fill('Was fehlt für die Fachkräfte von morgen?');
	await open.getByLabel('Ende der Runde').fill(berlinLocal(14));
	await open.getByRole('group', { name: 'Mitglieder des Gremiums' }).getByLabel('Jonas Albers').check();
	await open.getByLabel(/^Beteiligte von außen/).fill(contributorEmail);
	await open.getByRole('button', { name: 'Beteiligung eröffnen' }).click();
	await expect(office.getByText('Die Beteiligung ist eröffnet; die Einladungen sind verschickt.')).toBeVisible();
	const roundUrl = new URL(office.url()).pathname;
	expect(roundUrl).toMatch(/\/rounds\/[0-9a-f-]{36}$/);
	await expectNoSeriousA11yViolations(office);

	const member = await freshPage(browser, 'member@beirat.example');
	const contributor = await freshPage(browser);
	try {
		// The member opens the paper (the first visit is the state they read) and comments on a passage.
		const baseline = member.page.waitForResponse(
			(response) => response.url().includes('markRead') && response.request().method() === 'POST'
		);
		await member.page.goto(paperUrl);
		expect((await baseline).ok()).toBe(true);
		await waitForEditor(member.page);
		await selectInEditor(member.page, 'Handwerk');
		const comments = member.page.getByRole('complementary', { name: 'Kommentare' });
		const newComment = await formReady(comments.getByTestId('new-comment'));
		await newComment.getByLabel('Kommentar', { exact: true }).fill('Bitte die Kammern und Berufskollegs einbeziehen.');
		await newComment.getByRole('button', { name: 'Kommentieren' }).click();
		await expect(comments.getByRole('status')).toHaveText('Kommentar gespeichert.');

		// The contributor follows the invitation mail's link, chooses a name and lands on the round.
		const link = await mailLink(browser, contributorEmail, '/invite/');
		await contributor.page.goto(link);
		await expectNoSeriousA11yViolations(contributor.page);
		const accept = await formReady(
			contributor.page.locator('form', { has: contributor.page.locator('#field-displayName') })
		);
		await accept.locator('#field-displayName').fill('Dana Fachamt');
		await accept.locator('#field-password').fill(`pw-${Date.now()}-lang-genug`);
		await accept.getByRole('button', { name: 'Einladung annehmen' }).click();
		await expect(contributor.page).toHaveURL(new RegExp(`${roundUrl}$`));
		await expect(contributor.page.getByText('Was fehlt für die Fachkräfte von morgen?')).toBeVisible();
		await expectNoSeriousA11yViolations(contributor.page);

		// The contributor can only suggest: an insertion in one section, a deletion in the other.
		await contributor.page.getByRole('link', { name: /Papier öffnen/ }).click();
		await expect(contributor.page).toHaveURL(new RegExp(`${paperUrl}$`));
		await waitForEditor(contributor.page);
		await expect(contributor.page.getByTestId('suggest-only')).toBeVisible();
		const contributorText = editorContent(contributor.page);
		await selectInEditor(contributor.page, 'stärken', true);
		await contributor.page.keyboard.type(' und Praktika ausbauen');
		await expect(contributorText.locator('ins.suggestion')).toHaveText(' und Praktika ausbauen');
		await selectInEditor(contributor.page, 'deutlich');
		await contributor.page.keyboard.press('Backspace');
		await expect(contributorText.locator('del.suggestion')).toHaveText('deutlich');
		await expect(contributor.page.getByTestId('saved')).toHaveText('Gespeichert');
		await expect(contributor.page.getByTestId('suggestion-item')).toHaveCount(2);
		await expectNoSeriousA11yViolations(contributor.page);

		// The member, still on the paper, sees both suggestions arrive live.
		const memberText = editorContent(member.page);
		await expect(memberText.locator('ins.suggestion')).toHaveText(' und Praktika ausbauen');
		await expect(memberText.locator('del.suggestion')).toHaveText('deutlich');

		// The author decides with the keyboard only: Tab to a suggestion's button, Enter accepts, Space rejects.
		await office.goto(paperUrl);
		await waitForEditor(office);
		const officeText = editorContent(office);
		const items = office.getByTestId('suggestion-item');
		await expect(items).toHaveCount(2);
		await expectNoSeriousA11yViolations(office);
		const acceptInsertion = office.getByRole('button', {
			name: /^Vorschlag von Dana Fachamt annehmen:\s*und Praktika ausbauen$/
		});
		await tabTo(office, acceptInsertion);
		await office.keyboard.press('Enter');
		await expect(items).toHaveCount(1);
		await expect(officeText.locator('ins.suggestion')).toHaveCount(0);
		// The focus stays in the list, on the same button of the suggestion that moved up.
		await expect(office.getByRole('button', { name: 'Vorschlag von Dana Fachamt annehmen: deutlich' })).toBeFocused();
		const rejectDeletion = office.getByRole('button', { name: 'Vorschlag von Dana Fachamt ablehnen: deutlich' });
		await tabTo(office, rejectDeletion, 1);
		await office.keyboard.press('Space');
		await expect(items).toHaveCount(0);
		// Nothing left to decide: the focus is on the list's heading, the decision announced.
		const suggestions = office.getByTestId('suggestions-panel');
		await expect(suggestions.getByRole('heading', { name: 'Vorschläge' })).toBeFocused();
		await expect(suggestions.getByRole('status')).toHaveText('1 Vorschläge abgelehnt.');
		await expect(officeText.locator('.suggestion')).toHaveCount(0);
		const decided = [
			'Die Ausbildung im Handwerk stärken und Praktika ausbauen.',
			'Anerkennungsverfahren deutlich beschleunigen.'
		];
		for (const line of decided) await expect.poll(paperWords(officeText)).toContain(line);
		await expect(office.getByTestId('saved')).toHaveText('Gespeichert');
		// The other two follow live.
		for (const other of [memberText, contributorText]) {
			await expect(other.locator('.suggestion')).toHaveCount(0);
			for (const line of decided) await expect.poll(paperWords(other)).toContain(line);
		}

		// The round page records both decisions and the member's comment.
		await expect(async () => {
			await office.goto(roundUrl);
			await expect(office.getByText('3 Einträge: 1 offen, 1 angenommen, 1 abgelehnt, 0 beantwortet')).toBeVisible({
				timeout: 2_000
			});
		}).toPass({ timeout: 60_000 });
		const asked = office.getByRole('region', { name: 'Wer wurde gefragt' }).getByRole('listitem');
		await expect(asked.filter({ hasText: 'Dana Fachamt' })).toContainText('0 Kommentare, 2 Vorschläge');
		await expect(asked.filter({ hasText: 'Jonas Albers' })).toContainText('1 Kommentare, 0 Vorschläge');
		await expectNoSeriousA11yViolations(office);

		// The author closes the round with a summary; its PDF carries the summary and every entry's outcome.
		const close = await formReady(office.locator('form[action="?/close"]'));
		await close
			.getByLabel('Zusammenfassung für das Gremium')
			.fill('Praktika kommen in den Text; das Tempo der Anerkennung bleibt wie beschrieben.');
		await close.getByRole('button', { name: 'Mit Zusammenfassung abschließen' }).click();
		await expect(office.getByText('Die Runde ist abgeschlossen.')).toBeVisible();
		await expectNoSeriousA11yViolations(office);
		const pdf = await downloadBy(office, () => office.getByRole('link', { name: 'Zusammenfassung als PDF' }).click());
		expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		const summary = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
		expect(summary).toContain(`Beteiligung zu „${title}“`);
		expect(summary).toContain('Was fehlt für die Fachkräfte von morgen?');
		expect(summary).toContain('Praktika kommen in den Text; das Tempo der Anerkennung bleibt wie beschrieben.');
		expect(summary).toContain('Dana Fachamt (Beteiligt von außen): 0 Kommentare, 2 Vorschläge');
		expect(summary).toContain('Jonas Albers (Mitglied): 1 Kommentare, 0 Vorschläge');
		expect(summary).toMatch(/Vorschlag \(Einfügen\), Dana Fachamt, angenommen: ?und Praktika ausbauen/);
		expect(summary).toContain('Vorschlag (Streichen), Dana Fachamt, abgelehnt: deutlich');
		expect(summary).toContain('Kommentar, Jonas Albers, offen: Bitte die Kammern und Berufskollegs einbeziehen.');

		// The contributor's access has ended with the round, on the server; the mail's link says so.
		expect((await contributor.page.goto(paperUrl))?.status()).toBe(404);
		await contributor.page.goto(roundUrl);
		await expect(
			contributor.page.getByText('Diese Beteiligung ist beendet. Vielen Dank für Ihre Rückmeldung.')
		).toBeVisible();
		await expect(contributor.page.getByText(title)).toHaveCount(0);
		await expectNoSeriousA11yViolations(contributor.page);

		// The member opens the paper again: the accepted text is highlighted as changed since their visit, with
		// its author, and counted; the rejected deletion changed nothing.
		await member.page.goto(paperUrl);
		const since = member.page.getByTestId('since-read');
		await expect(since.getByRole('heading', { name: 'Geändert seit Ihrem letzten Lesen' })).toBeVisible();
		await expect(member.page.getByTestId('since-read-count')).toContainText('1 Änderung seit');
		await expect(since.locator('ins')).toHaveCount(1);
		await expect(since.locator('ins')).toContainText('und Praktika ausbauen');
		await expect(since.locator('ins')).toHaveAttribute('title', 'Eingefügt von Dana Fachamt');
		await expect(since.locator('del')).toHaveCount(0);
		await expectNoSeriousA11yViolations(member.page);
		await member.page.goto(`/b/${MAIN_BOARD}/papers`);
		await expect(member.page.getByRole('row').filter({ hasText: title }).getByTestId('changed-since-read')).toHaveText(
			'Geändert seit Ihrem Lesen'
		);
	} finally {
		await member.context.close();
		await contributor.context.close();
	}
});
