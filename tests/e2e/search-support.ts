import { expect, type Page } from '@playwright/test';
import { MAIN_BOARD } from './support';

export const SEARCH = `/b/${MAIN_BOARD}/search`;

/** A made-up word of letters only (the German parser keeps it whole), unique per run. */
export function uniqueWord(prefix: string): string {
	const letters = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
	return `${prefix}${letters}`;
}

/** The result list's entries (each one hit). */
export function results(page: Page) {
	return page.locator('ol.search-results > li');
}

/** Searches through the board header's search box, as a keyboard user would. */
export async function searchFromHeader(page: Page, label: RegExp, query: string): Promise<void> {
	const box = page.getByRole('search', { name: label }).getByRole('searchbox');
	await box.fill(query);
	await box.press('Enter');
	await expect(page).toHaveURL(new RegExp(`${SEARCH}\\?q=`));
}

/** Reloads the search page until `title` is among the results: papers are indexed a few seconds after an edit. */
export async function expectFoundAfterIndexing(page: Page, url: string, title: string): Promise<void> {
	await expect(async () => {
		await page.goto(url);
		await expect(results(page).getByRole('link', { name: title })).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 30_000 });
}
