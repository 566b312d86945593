import { expect, type Locator, type Page } from '@playwright/test';
import { formReady, MAIN_BOARD } from './support';

export const LIBRARY = `/b/${MAIN_BOARD}/papers`;

/** A paper title no other test (or earlier run) has used. */
export function uniqueTitle(prefix: string): string {
	return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a paper in the library (German UI) and returns its address once the editor page is open. */
export async function createPaper(
	page: Page,
	input: {
		title: string;
		tags?: string;
		visibility?: 'Ganzes Gremium' | 'Nur benannte Personen';
		withoutJavaScript?: boolean;
	}
): Promise<string> {
	await page.goto(LIBRARY);
	const form = page.locator('form[action="?/create"]');
	// Typed before hydration, the title would be reset by Svelte (see formReady); without JavaScript nothing hydrates.
	if (!input.withoutJavaScript) await formReady(form);
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

/**
 * Where the caret is, as the editor (ProseMirror's state, through TipTap's handle on its element) and the
 * browser (the DOM selection) both see it: 'end' of the document, inside its 'last' block, 'elsewhere'.
 */
function caretPlace(content: Locator): Promise<'end' | 'last' | 'elsewhere'> {
	return content.evaluate((root) => {
		type State = {
			selection: { empty: boolean; from: number; head: number; constructor: unknown };
			doc: { content: { size: number }; lastChild: { nodeSize: number } | null };
		};
		const editor = (root as HTMLElement & { editor?: { state: State } }).editor;
		const dom = window.getSelection();
		const lastBlock = root.lastElementChild;
		if (!editor || !dom?.anchorNode || !lastBlock?.contains(dom.anchorNode) || !root.contains(document.activeElement))
			return 'elsewhere';
		const { selection, doc } = editor.state;
		const atEnd = (selection.constructor as { atEnd(d: unknown): { head: number } }).atEnd(doc);
		if (selection.empty && selection.head === atEnd.head) return 'end';
		return selection.from > doc.content.size - (doc.lastChild?.nodeSize ?? 0) ? 'last' : 'elsewhere';
	});
}

/**
 * Types at the end of the document, in a paragraph of its own. The caret goes into the last block by
 * a click and waits there until the editor has taken the click's selection (it does so a moment later
 * and would undo a key pressed before); only then does the key move it to the end, checked again.
 */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
	const content = editorContent(page);
	await expect(async () => {
		await content.locator(':scope > *').last().click();
		await expect.poll(() => caretPlace(content), { timeout: 2_000 }).not.toBe('elsewhere');
		await page.keyboard.press('Control+End');
		await expect.poll(() => caretPlace(content), { timeout: 2_000 }).toBe('end');
	}).toPass({ timeout: 20_000 });
	await page.keyboard.press('Enter');
	await page.keyboard.type(text);
}
