import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';

/**
 * Creates a paper from Markdown through the import page; returns its address (the editor page). `timeout`
 * gives a slow machine more time for the import and the editor page.
 */
export async function importPaper(
	page: Page,
	input: { title: string; markdown: string },
	options: { timeout?: number } = {}
): Promise<string> {
	await page.goto(`/b/${MAIN_BOARD}/papers/import`);
	const form = await formReady(page.locator('form[enctype="multipart/form-data"]'));
	await form
		.getByLabel(/^Datei/)
		.setInputFiles({ name: 'papier.md', mimeType: 'text/markdown', buffer: Buffer.from(input.markdown, 'utf8') });
	await form.getByLabel(/^Titel/).fill(input.title);
	await form.getByRole('button', { name: 'Importieren' }).click();
	await expect(page).toHaveURL(new RegExp(`/b/${MAIN_BOARD}/papers/[0-9a-f-]{36}$`), options);
	await expect(page.getByRole('heading', { level: 1, name: input.title }).first()).toBeVisible(options);
	return new URL(page.url()).pathname;
}

/** The editor's text box, once the document has arrived from the collaboration server. */
export async function paperText(page: Page) {
	const box = page.locator('.paper-content-wrap [contenteditable]');
	await expect(box).toBeVisible();
	return box;
}

/** Selects the words `text` inside the editor (a real DOM selection, as a mouse drag would make). */
export function selectText(page: Page, text: string): Promise<void> {
	return selectInEditor(page, text, false);
}

/** Puts the caret right before `text` in the editor (a collapsed DOM selection ProseMirror reads at once). */
export function caretBefore(page: Page, text: string): Promise<void> {
	return selectInEditor(page, text, true);
}

async function selectInEditor(page: Page, text: string, collapsed: boolean): Promise<void> {
	const box = await paperText(page);
	await expect(box).toContainText(text);
	await box.evaluate(
		(root, { wanted, collapsed }) => {
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const at = node.textContent?.indexOf(wanted) ?? -1;
				if (at < 0) continue;
				const range = document.createRange();
				range.setStart(node, at);
				if (collapsed) range.collapse(true);
				else range.setEnd(node, at + wanted.length);
				const selection = window.getSelection()!;
				selection.removeAllRanges();
				selection.addRange(range);
				document.dispatchEvent(new Event('selectionchange'));
				return;
			}
			throw new Error(`text not found: ${wanted}`);
		},
		{ wanted: text, collapsed }
	);
}
