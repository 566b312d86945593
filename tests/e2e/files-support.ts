import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';
import { addItem } from './agenda-support';

export const MEETINGS = `/b/${MAIN_BOARD}/meetings`;
export const FILES = `/b/${MAIN_BOARD}/files`;

/** A `datetime-local` value `days` from now at `hour`:00, Berlin wall-clock time. */
function berlinLocal(days: number, hour: number): string {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
	return `${day}T${String(hour).padStart(2, '0')}:00`;
}

/** Office creates a meeting with one agenda item through the UI; returns the meeting page's address. */
export async function meetingWithItem(page: Page, input: { title: string; item: string }): Promise<string> {
	await page.goto(MEETINGS);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Titel', { exact: true }).fill(input.title);
	await form.getByLabel('Beginn', { exact: true }).fill(berlinLocal(40, 10));
	await form.getByLabel('Ende', { exact: true }).fill(berlinLocal(40, 12));
	await form.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page).toHaveURL(new RegExp(`${MEETINGS}/[0-9a-f-]{36}$`));
	const meetingUrl = new URL(page.url()).pathname;
	await page.goto(`${meetingUrl}/agenda`);
	await addItem(page, { title: input.item });
	return meetingUrl;
}

/** The bytes and suggested name of the download a click starts. */
export async function downloadBy(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	const stream = await download.createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
