import { expect, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { formReady, MAIN_BOARD } from './support';

let counter = 0;
/** A title no other test (or earlier run) has used. */
export function uniqueTitle(prefix: string): string {
	counter += 1;
	return `${prefix} ${Date.now().toString(36)}-${counter}`;
}

/** A datetime-local value `days` from now at `hour`:00 (Berlin time as the form expects it). */
function localDate(days: number, hour: number): string {
	const date = new Date(Date.now() + days * 86_400_000);
	return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

/** Office creates a meeting through the meetings form; returns the meeting's id. */
export async function createMeetingAsOffice(page: Page, title: string): Promise<string> {
	await page.goto(`/b/${MAIN_BOARD}/meetings`);
	await formReady(page.locator('form[action="?/create"]'));
	await page.locator('#new-meeting-title').fill(title);
	await page.locator('#new-meeting-startsAt').fill(localDate(40, 14));
	await page.locator('#new-meeting-endsAt').fill(localDate(40, 17));
	await page.locator('#new-meeting-location').fill('Rathaus Hamm, Ratssaal');
	await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	return page.url().split('/').pop()!;
}

/** Adds an item through the agenda page's add form (German UI). */
export async function addItem(page: Page, input: { title: string; kind?: 'Information' | 'Beratung' | 'Beschluss'; minutes?: number; confidential?: boolean }) {
	const form = await formReady(page.locator('form[action="?/add"]'));
	await form.getByLabel('Titel').fill(input.title);
	if (input.kind) await form.getByLabel('Art').selectOption({ label: input.kind });
	await form.getByLabel('Geplante Dauer in Minuten').fill(String(input.minutes ?? 10));
	if (input.confidential) await form.getByLabel(/nicht öffentlich/).check();
	await form.getByRole('button', { name: 'Punkt hinzufügen' }).click();
	await expect(page.locator('#agenda-live')).toContainText(`„${input.title}“ ist als TOP`);
}

/** The item titles in the order the agenda page shows them. */
export async function itemTitles(page: Page): Promise<string[]> {
	const titles = await page.locator('ol.agenda-list > li .agenda-item-title').allTextContents();
	return titles.map((text) => text.replace(/^\s*TOP [\d.]+\s*/, '').trim());
}

/** The text of a PDF. */
export async function pdfText(body: Buffer): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(body));
	return (await extractText(pdf, { mergePages: true })).text;
}
