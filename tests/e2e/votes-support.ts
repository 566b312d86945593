import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';

export const VOTES = `/b/${MAIN_BOARD}/votes`;

/** A datetime-local value `days` ahead at 18:00. */
export function deadlineIn(days: number): string {
	const date = new Date(Date.now() + days * 86_400_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T18:00`;
}

/** Office opens a circular resolution with all voting members asked and no minimum participation. */
export async function openCircular(
	page: Page,
	motion: string,
	input: { title?: string; kind?: 'Beschluss' | 'Empfehlung an den Rat' | 'Stellungnahme' } = {}
): Promise<string> {
	await page.goto(VOTES);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel(/^Titel/).fill(input.title ?? motion.slice(0, 200));
	if (input.kind) await form.getByRole('group', { name: 'Art des Beschlusses' }).getByLabel(input.kind).check();
	await form.getByLabel('Beschlussvorschlag').fill(motion);
	await form.getByLabel('Frist (Ortszeit Berlin)').fill(deadlineIn(3));
	await form.getByLabel('Mindestbeteiligung in Prozent').fill('0');
	await form.getByRole('button', { name: 'Umlaufbeschluss eröffnen' }).click();
	await expect(page).toHaveURL(/\/votes\/[0-9a-f-]{36}$/);
	return page.url();
}

export async function castVote(page: Page, url: string, choice: 'Ja' | 'Nein' | 'Enthaltung'): Promise<void> {
	await page.goto(url);
	const form = await formReady(page.locator('form[action="?/vote"]'));
	await form.getByRole('radio', { name: choice, exact: true }).check();
	await form.getByRole('button', { name: 'Stimme abgeben' }).click();
	await expect(page.getByText('Ihre Stimme wurde gespeichert.')).toBeVisible();
}
