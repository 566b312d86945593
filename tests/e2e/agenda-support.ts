import { expect, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { formReady } from './support';

let counter = 0;
/** A title no other test (or earlier run) has used. */
export function uniqueTitle(prefix: string): string {
	counter += 1;
	return `${prefix} ${Date.now().toString(36)}-${counter}`;
}

/** Adds an item through the agenda page's add form (German UI). */
export async function addItem(
	page: Page,
	input: { title: string; kind?: 'Information' | 'Beratung' | 'Beschluss'; minutes?: number; confidential?: boolean }
) {
	const form = await formReady(page.locator('form[action="?/add"]'));
	await form.getByLabel('Titel').fill(input.title);
	if (input.kind) await form.getByLabel('Art').selectOption({ label: input.kind });
	await form.getByLabel('Geplante Dauer in Minuten').fill(String(input.minutes ?? 10));
	if (input.confidential) await form.getByLabel(/nicht öffentlich/).check();
	await form.getByRole('button', { name: 'Punkt hinzufügen' }).click();
	await expect(page.locator('#agenda-live')).toContainText(new RegExp(`„${input.title}“ ist als [ÖN] \\d`));
}

/** The item titles in the order the agenda page shows them. */
export async function itemTitles(page: Page): Promise<string[]> {
	const titles = await page.locator('ol.agenda-list > li .agenda-item-title').allTextContents();
	return titles.map((text) => text.replace(/^\s*[ÖN] [\d.]+\s*/, '').trim());
}

/** The text of a PDF. */
export async function pdfText(body: Buffer): Promise<string> {
	const pdf = await getDocumentProxy(new Uint8Array(body));
	return (await extractText(pdf, { mergePages: true })).text;
}
