import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';

export const DECISIONS = `/b/${MAIN_BOARD}/decisions`;
export const TASKS = `/b/${MAIN_BOARD}/tasks`;

/** Office/chair records a decision through the form; returns its number ("2026/07"). */
export async function recordDecisionOnPage(page: Page, title: string): Promise<string> {
	await page.goto(DECISIONS);
	const form = await formReady(page.locator('form[action="?/record"]'));
	await form.getByLabel('Titel').fill(title);
	await form.getByLabel('Beschlusstext').fill(`Der Beirat beschließt: ${title}.`);
	await form.getByLabel('Ja-Stimmen').fill('7');
	await form.getByLabel('Nein-Stimmen').fill('1');
	await form.getByLabel('Enthaltungen').fill('0');
	await form.getByLabel('Verantwortlich (Person oder Organisation)').fill('Stadt Hamm, Wirtschaftsförderung');
	await form.getByRole('button', { name: 'Beschluss erfassen' }).click();
	const status = page.getByRole('status').filter({ hasText: /Beschluss \d{4}\/\d{2,} wurde erfasst/ });
	await expect(status).toBeVisible();
	return (await status.locator('a').textContent())!.trim();
}
