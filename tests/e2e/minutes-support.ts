import type { Page } from '@playwright/test';
import { expect, formReady, MAIN_BOARD } from './support';

/** The minutes page of a meeting. */
export const minutesUrl = (meetingId: string) => `/b/${MAIN_BOARD}/meetings/${meetingId}/minutes`;

/** Submits one workflow form on the minutes page and waits for its confirmation. */
export async function minutesStep(page: Page, button: string, confirmation: string): Promise<void> {
	const form = await formReady(page.locator('form', { has: page.getByRole('button', { name: button }) }).first());
	await form.getByRole('button', { name: button }).click();
	await expect(page.getByRole('status')).toHaveText(confirmation);
}
