// Shared steps of the suggestion specs (#15).
import { expect, type Page } from '@playwright/test';

/** Gives Jonas Albers (member) comment access to the paper at `address` only. */
export async function shareForComment(page: Page, address: string): Promise<void> {
	await page.goto(`${address}/settings`);
	await page.getByLabel('Wer sieht das Papier?').selectOption({ label: 'Nur benannte Personen' });
	await page.getByRole('button', { name: 'Sichtbarkeit speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Der Zugriff ist gespeichert' })).toBeVisible();
	const grant = page.locator('form[action="?/grant"]').filter({ has: page.locator('#field-userId-new') });
	await grant.locator('#field-userId-new').selectOption({ label: 'Jonas Albers (Mitglied)' });
	await grant.locator('#field-access-new').selectOption({ label: 'Kommentieren' });
	await grant.getByRole('button', { name: 'Recht vergeben' }).click();
	await expect(page.getByRole('status')).toHaveText('Jonas Albers hat jetzt das Recht „Kommentieren“.');
}
