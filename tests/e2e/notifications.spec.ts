import { test, expect, freshPage, formReady, OFFICE, expectNoSeriousA11yViolations } from './support';
import { assignTaskTo, bell, clearNotifications } from './notifications-support';

const MEMBER2 = 'member2@beirat.example';
const MEMBER2_NAME = 'Dr. Aylin Demir';

test('an assigned action item shows in the header badge until it is marked read', async ({ browser }) => {
	const member = await freshPage(browser, MEMBER2);
	const office = await freshPage(browser, OFFICE);
	try {
		await clearNotifications(member.page);
		const title = `Förderaufruf sichten ${Date.now()}`;
		await assignTaskTo(office.page, { title, ownerName: MEMBER2_NAME });

		await member.page.goto('/');
		await expect(bell(member.page)).toHaveAccessibleName('Benachrichtigungen, 1 ungelesen');
		await expect(bell(member.page)).toContainText('1');

		await bell(member.page).click();
		await expect(member.page).toHaveURL(/\/notifications$/);
		const entry = member.page.getByTestId('notification').filter({ hasText: title });
		await expect(entry.getByRole('link', { name: `Ihnen wurde die Aufgabe „${title}“ zugewiesen` })).toHaveAttribute(
			'href',
			/^\/notifications\/[0-9a-f-]{36}$/
		);
		await expectNoSeriousA11yViolations(member.page);

		const form = await formReady(entry.locator('form[action="?/read"]'));
		await form
			.getByRole('button', { name: `„Ihnen wurde die Aufgabe „${title}“ zugewiesen“ als gelesen markieren` })
			.click();
		await expect(member.page.getByRole('status')).toHaveText('Als gelesen markiert.');
		await expect(bell(member.page)).toHaveAccessibleName('Benachrichtigungen');
		await expect(entry.getByRole('button')).toHaveCount(0);

		// Opening a notification reads it: the link marks it read and leads to the thing.
		const second = `Protokollentwurf prüfen ${Date.now()}`;
		await assignTaskTo(office.page, { title: second, ownerName: MEMBER2_NAME });
		await member.page.goto('/notifications');
		await expect(bell(member.page)).toHaveAccessibleName('Benachrichtigungen, 1 ungelesen');
		await member.page.getByRole('link', { name: `Ihnen wurde die Aufgabe „${second}“ zugewiesen` }).click();
		await expect(member.page).toHaveURL(/\/b\/wirtschaft-hamm-2030\/tasks$/);
		await expect(bell(member.page)).toHaveAccessibleName('Benachrichtigungen');
	} finally {
		await member.context.close();
		await office.context.close();
	}
});

test('mail preferences are saved per occasion on the profile page, also without JavaScript', async ({ browser }) => {
	const { context, page } = await freshPage(browser, MEMBER2);
	try {
		await page.goto('/profile');
		const section = page.locator('#notification-settings');
		const form = await formReady(section.locator('form'));
		await form
			.getByRole('group', { name: 'Erwähnung in einem Kommentar' })
			.getByLabel('Tägliche Zusammenfassung')
			.check();
		await form.getByRole('group', { name: 'Geänderte Tagesordnung' }).getByLabel('Keine E-Mail').check();
		await form.getByRole('button', { name: 'Einstellungen speichern' }).click();
		await expect(section.getByRole('status')).toHaveText('Ihre Benachrichtigungseinstellungen sind gespeichert.');
		await page.reload();
		await expect(
			section.getByRole('group', { name: 'Erwähnung in einem Kommentar' }).getByLabel('Tägliche Zusammenfassung')
		).toBeChecked();
		await expect(
			section.getByRole('group', { name: 'Geänderte Tagesordnung' }).getByLabel('Keine E-Mail')
		).toBeChecked();
		await expectNoSeriousA11yViolations(page);
	} finally {
		await context.close();
	}

	// The same form posts and saves without JavaScript (progressive enhancement).
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await noJs.newPage();
		await page.goto('/login');
		await page.locator('#field-email').fill(MEMBER2);
		await page.locator('#field-password').fill('beirat-demo');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page).not.toHaveURL(/\/login(\?|$)/);
		await page.goto('/profile');
		const section = page.locator('#notification-settings');
		await section.getByRole('group', { name: 'Erwähnung in einem Kommentar' }).getByLabel('Sofort per E-Mail').check();
		await section.getByRole('group', { name: 'Geänderte Tagesordnung' }).getByLabel('Sofort per E-Mail').check();
		await section.getByRole('button', { name: 'Einstellungen speichern' }).click();
		await expect(page.locator('#notification-settings').getByRole('status')).toHaveText(
			'Ihre Benachrichtigungseinstellungen sind gespeichert.'
		);
		await expect(
			page
				.locator('#notification-settings')
				.getByRole('group', { name: 'Erwähnung in einem Kommentar' })
				.getByLabel('Sofort per E-Mail')
		).toBeChecked();
	} finally {
		await noJs.close();
	}
});
