import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';
import { addItem } from './agenda-support';

export const MEETINGS = `/b/${MAIN_BOARD}/meetings`;
export const TASKS = `/b/${MAIN_BOARD}/tasks`;

/** A `datetime-local` value `minutes` from now, Berlin wall-clock time. */
export function berlinInMinutes(minutes: number): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Berlin',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(Date.now() + minutes * 60_000));
	const part = (type: string) => parts.find((p) => p.type === type)!.value;
	return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** A day (YYYY-MM-DD) `days` from today in Berlin. */
export function berlinDay(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(Date.now() + days * 86_400_000)
	);
}

/**
 * Office creates a meeting starting in a few minutes (so it is everyone's next one, whatever other
 * specs scheduled) with a public and a confidential item; returns the meeting's id.
 */
export async function createSoonMeeting(
	page: Page,
	input: { title: string; publicItem: string; confidentialItem: string }
): Promise<string> {
	await page.goto(MEETINGS);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Titel', { exact: true }).fill(input.title);
	await form.getByLabel('Beginn', { exact: true }).fill(berlinInMinutes(5));
	await form.getByLabel('Ende', { exact: true }).fill(berlinInMinutes(180));
	await form.getByLabel('Ort', { exact: true }).fill('Technisches Rathaus Hamm');
	await form.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page).toHaveURL(new RegExp(`${MEETINGS}/[0-9a-f-]{36}$`));
	const id = page.url().split('/').pop()!;
	await page.goto(`${MEETINGS}/${id}/agenda`);
	await addItem(page, { title: input.publicItem });
	await addItem(page, { title: input.confidentialItem, confidential: true });
	return id;
}

/** Office sets the meeting's status to cancelled, so later specs do not find it as the next meeting. */
export async function cancelMeeting(page: Page, id: string): Promise<void> {
	await page.goto(`${MEETINGS}/${id}`);
	const form = await formReady(page.locator('form[action="?/update"]'));
	await form.getByLabel('Status').selectOption({ label: 'abgesagt' });
	await form.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText(/gespeichert/).first()).toBeVisible();
}

/** Office assigns a task to `ownerName` on the tasks page. */
export async function assignTask(
	page: Page,
	input: { title: string; ownerName: string; dueDate: string }
): Promise<void> {
	await page.goto(TASKS);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Aufgabe', { exact: true }).fill(input.title);
	await form.getByLabel('Zuständig').selectOption({ label: input.ownerName });
	await form.getByLabel('Fällig am').fill(input.dueDate);
	await form.getByRole('button', { name: 'Aufgabe anlegen' }).click();
	await expect(page.getByText('Die Aufgabe wurde angelegt.')).toBeVisible();
}
