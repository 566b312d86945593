import type { Browser, Page } from '@playwright/test';
import { expect, freshPage } from './support';
import { addItem, uniqueTitle } from './agenda-support';
import { createMeetingOnPage } from './audit-support';

/** Office creates a meeting with a public item, a decision item and a non-public item; returns its address. */
export async function meetingWithItems(office: Page): Promise<{ url: string; items: string[] }> {
	const url = await createMeetingOnPage(office, uniqueTitle('Live-Sitzung'));
	await office.goto(`${url}/agenda`);
	const items = [uniqueTitle('Begrüßung'), uniqueTitle('Haushalt'), uniqueTitle('Personal')];
	await addItem(office, { title: items[0]!, minutes: 5 });
	await addItem(office, { title: items[1]!, kind: 'Beschluss', minutes: 20 });
	await addItem(office, { title: items[2]!, minutes: 10, confidential: true });
	return { url, items };
}

/** A signed-in page on meeting mode (or the projector), its live channel open. */
export async function openLive(browser: Browser, email: string, address: string): Promise<Page> {
	const { page } = await freshPage(browser, email);
	await page.goto(address);
	await liveOpen(page);
	return page;
}

export async function liveOpen(page: Page): Promise<void> {
	await expect(page.locator('[data-live-status="open"]')).toBeAttached();
}

/** Clicks a button of meeting mode and waits until the enhanced form answered. */
export async function press(page: Page, name: string | RegExp): Promise<void> {
	const button = page.getByRole('button', { name }).first();
	await expect(button).toBeEnabled();
	await button.click();
}
