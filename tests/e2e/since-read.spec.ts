import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, newMember, MAIN_BOARD, OFFICE, signIn, test } from './support';
import { importPaper, paperText } from './comments-support';

// "Changed since you last read" (#15): a new member opens a paper (their first visit is the state they saw),
// the office edits it, and the member sees the change highlighted with its author and a count, in the
// library and on the dashboard too, on a phone, in German and in English, until they mark it as read.

const PHONE = { width: 390, height: 844 };

async function expectFitsPhone(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

test('a member sees what changed since they last read a paper, in the library and on the dashboard, and marks it read', async ({
	page,
	browser
}) => {
	// Two people, an invitation, six pages with axe: more than one flow's minute on a busy machine.
	test.setTimeout(360_000);
	await signIn(page, OFFICE);
	const title = `Seit dem Lesen ${Date.now()}`;
	const url = await importPaper(
		page,
		{ title, markdown: 'Ziel sind 500 neue Arbeitsplätze.\n\nDer Hafen bleibt.\n' },
		{ timeout: 45_000 }
	);

	const reader = await newMember(browser, MAIN_BOARD, 'reader');
	const mine = reader.page;
	try {
		// The first visit records what the member saw; nothing is highlighted yet.
		const baseline = mine.waitForResponse((r) => r.url().includes('markRead') && r.request().method() === 'POST');
		await mine.goto(url);
		expect((await baseline).ok()).toBe(true);
		await expect(mine.getByTestId('since-read')).toHaveCount(0);

		// The office adds a sentence.
		const box = await paperText(page);
		await box.getByText('Ziel sind 500 neue Arbeitsplätze.').click();
		await page.keyboard.press('End');
		await page.keyboard.type(' Dazu kommt ein Campus.');
		await expect(page.getByTestId('saved')).toHaveText('Gespeichert');

		// The member comes back: the insertion is highlighted with its author, and counted.
		await mine.setViewportSize(PHONE);
		await mine.goto(url);
		const panel = mine.getByTestId('since-read');
		await expect(panel.getByRole('heading', { name: 'Geändert seit Ihrem letzten Lesen' })).toBeVisible();
		await expect(mine.getByTestId('since-read-count')).toContainText('1 Änderung seit');
		await expect(panel.locator('ins')).toHaveCount(1);
		await expect(panel.locator('ins')).toContainText('Dazu kommt ein Campus.');
		await expect(panel.locator('ins')).toHaveAttribute('title', 'Eingefügt von Sabine Wolter');
		await expect(panel).toContainText('Von Sabine Wolter');
		await expectFitsPhone(mine);
		await expectNoSeriousA11yViolations(mine);

		// The library marks the paper, the dashboard lists it.
		await mine.goto(`/b/${MAIN_BOARD}/papers`);
		await expect(mine.getByRole('row').filter({ hasText: title }).getByTestId('changed-since-read')).toHaveText(
			'Geändert seit Ihrem Lesen'
		);
		await expectFitsPhone(mine);
		await mine.goto('/');
		const changed = mine.getByRole('region', { name: 'Seit Ihrem Lesen geändert' });
		await expect(changed.getByRole('link', { name: title })).toBeVisible();
		await expectFitsPhone(mine);
		await expectNoSeriousA11yViolations(mine);

		// The same in English (the member's own language from here on).
		await mine.setViewportSize({ width: 1280, height: 800 });
		await mine.getByRole('button', { name: 'Englisch' }).click();
		await expect(mine.locator('html')).toHaveAttribute('lang', 'en');
		await expect(
			mine.getByRole('region', { name: 'Changed since you read them' }).getByRole('link', { name: title })
		).toBeVisible();
		await mine.goto(url);
		await expect(panel.getByRole('heading', { name: 'Changed since you last read it' })).toBeVisible();
		await expect(mine.getByTestId('since-read-count')).toContainText('1 change since');
		await expect(panel.locator('ins')).toHaveAttribute('title', 'Inserted by Sabine Wolter');
		await expectNoSeriousA11yViolations(mine);

		// Mark as read: the highlight goes, and stays gone; library and dashboard no longer list the paper.
		await panel.getByRole('button', { name: 'Mark as read' }).click();
		await expect(mine.getByRole('status').filter({ hasText: 'Marked as read.' })).toBeVisible();
		await expect(panel).toHaveCount(0);
		await mine.reload();
		await expect(mine.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(panel).toHaveCount(0);
		await mine.goto(`/b/${MAIN_BOARD}/papers`);
		await expect(mine.getByRole('row').filter({ hasText: title })).toBeVisible();
		await expect(mine.getByRole('row').filter({ hasText: title }).getByTestId('changed-since-read')).toHaveCount(0);
		await mine.goto('/');
		await expect(mine.getByRole('region', { name: 'Changed since you read them' })).toHaveCount(0);
	} finally {
		await reader.context.close();
	}
});
