import { expect, type Page } from '@playwright/test';
import { MAIN_BOARD } from './support';

export const LIBRARY = `/b/${MAIN_BOARD}/papers`;

/** A paper title no other test (or earlier run) has used. */
export function uniqueTitle(prefix: string): string {
	return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a paper in the library (German UI) and returns its address once the editor page is open. */
export async function createPaper(page: Page, input: { title: string; tags?: string; visibility?: 'Ganzes Gremium' | 'Nur benannte Personen' }): Promise<string> {
	await page.goto(LIBRARY);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Titel', { exact: true }).fill(input.title);
	if (input.tags) await form.getByLabel('Schlagwörter').fill(input.tags);
	if (input.visibility) await form.getByLabel('Wer sieht das Papier?').selectOption({ label: input.visibility });
	await form.getByRole('button', { name: 'Papier anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
	return new URL(page.url()).pathname;
}

/** The editable area of the paper editor. */
export function editorContent(page: Page) {
	return page.locator('.paper-content');
}

/** Waits until the editor is mounted and connected to the collaboration server. */
export async function waitForEditor(page: Page): Promise<void> {
	await expect(editorContent(page)).toBeVisible();
	await expect(page.getByTestId('connection')).toHaveText('Verbindung: Verbunden', { timeout: 15_000 });
}

/** Types at the end of the document, in a paragraph of its own. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
	await editorContent(page).click();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.keyboard.type(text);
}
