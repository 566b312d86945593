import type { Browser, Page } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD, expect, formReady, freshPage, MAIN_BOARD, OFFICE, signIn, test } from './support';
import { uniqueTitle } from './agenda-support';
import { createPoll } from './meetings-support';
import { type CreateForm, expectOne, listed, twoFastClicks, withoutScript, withScript } from './double-submit-support';
import { pdfBytes } from '../factories/files';

// The record (#11), continued: inviting a member, uploading a file, creating a board and scheduling a
// poll, each sent twice — double click and two fast clicks with JavaScript; two clicks and two more POSTs
// of the same form (same token) without — make one record, show the success, and (invitations) one mail.

const BOARD = `/b/${MAIN_BOARD}`;

/** An address made from a title: "Doppel dblclick x-1" → "doppel-dblclick-x-1@e2e.example". */
const emailOf = (title: string) => `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@e2e.example`;

/** The outbox (read by the admin in a context of its own): one entry of `title` per mail to its address. */
async function mailsTo(browser: Browser, title: string): Promise<string[]> {
	const { context, page } = await freshPage(browser, ADMIN);
	try {
		await page.goto('/admin/outbox');
		const to = await page.locator('.mail-to').allTextContents();
		return to.filter((address) => address.trim() === emailOf(title)).map(() => title);
	} finally {
		await context.close();
	}
}

function memberInvitation(browser: Browser): CreateForm {
	return {
		url: `${BOARD}/members`,
		action: '?/invite',
		submit: 'Einladung senden',
		fill: (form, title) => form.getByLabel('E-Mail-Adresse').fill(emailOf(title)),
		fields: (title) => ({ email: emailOf(title), role: 'member', organisation: '', function: '', locale: 'de' }),
		settled: (page, title) =>
			expect(page.getByRole('status')).toHaveText(`Die Einladung an ${emailOf(title)} ist versendet.`),
		// One open invitation and one mail.
		count: async (page, title) => {
			await page.goto(`${BOARD}/members`);
			await expect(page.getByRole('rowheader', { name: emailOf(title), exact: true })).toHaveCount(1);
			return mailsTo(browser, title);
		}
	};
}

async function fileUpload(): Promise<CreateForm> {
	const buffer = Buffer.from(await pdfBytes('Doppelt gesendet'));
	const file = (title: string) => ({ name: `${title}.pdf`, mimeType: 'application/pdf', buffer });
	return {
		url: `${BOARD}/files`,
		action: '?/upload',
		submit: 'Hochladen',
		fill: (form, title) => form.getByLabel('Dateien auswählen').setInputFiles(file(title)),
		fields: () => ({}),
		files: (title) => ({ file: file(title) }),
		settled: (page, title) =>
			expect(page.locator('table').getByRole('link', { name: `${title}.pdf`, exact: true })).toBeVisible(),
		count: async (page, title) => {
			await page.goto(`${BOARD}/files`);
			return page.locator('table').getByRole('link', { name: `${title}.pdf`, exact: true });
		}
	};
}

const slugOf = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const board: CreateForm = {
	url: '/admin',
	action: '?/createBoard',
	submit: 'Anlegen',
	user: ADMIN,
	fill: async (form, title) => {
		await form.getByLabel('Name', { exact: true }).fill(title);
		await form.getByLabel('Kurzname (für Adressen)').fill(slugOf(title));
	},
	fields: (title) => ({ name: title, slug: slugOf(title) }),
	settled: (page, title) => expect(page).toHaveURL(new RegExp(`/b/${slugOf(title)}/members$`)),
	count: listed(() => '/admin')
};

/** A poll of three dates for the two demo members; returns its page's address. */
async function freshPoll(page: Page, title: string): Promise<string> {
	const day = (days: number, hour: number) =>
		`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + days * 86_400_000))}T${hour}:00`;
	await createPoll(page, {
		title,
		slots: [day(50, 10), day(51, 14), day(52, 16)],
		askedNames: ['Jonas Albers', 'Aylin Demir']
	});
	return new URL(page.url()).pathname;
}

const meetingsNamed = listed(() => `${BOARD}/meetings`);

test.describe('a create form sent twice makes one record (invitations, files, boards, polls)', () => {
	// Each test makes its record five times over and reads the outbox or lists after each; generous on a busy machine.
	test.describe.configure({ timeout: 300_000 });

	test('invite a member: one invitation, one mail, the same success', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		const spec = memberInvitation(browser);
		await withScript(page, spec, 'Doppeleinladung');
		await withoutScript(browser, spec, 'Doppeleinladung');
	});

	test('upload a file', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		const spec = await fileUpload();
		await withScript(page, spec, 'Doppeldatei');
		await withoutScript(browser, spec, 'Doppeldatei');
	});

	test('create a board as admin', async ({ page, browser }) => {
		await signIn(page, ADMIN);
		await withScript(page, board, 'Doppelbeirat');
		await withoutScript(browser, board, 'Doppelbeirat');
	});

	test('schedule a poll: a repeat lands on the same meeting', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		for (const press of ['dblclick', 'two clicks'] as const) {
			const title = uniqueTitle(`Doppeltermin ${press}`);
			await page.goto(await freshPoll(page, title));
			const button = (await formReady(page.locator('form[action="?/schedule"]').first())).getByRole('button', {
				name: /^Diesen Termin festlegen/
			});
			if (press === 'dblclick') await button.dblclick();
			else await twoFastClicks(page, button);
			// Scheduling mails everyone asked before it answers: allow a busy server its time.
			await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/, { timeout: 30_000 });
			await expectOne(page, { count: meetingsNamed } as CreateForm, title);
		}

		// Without JavaScript: two clicks, then the same form posted twice more — on another slot too.
		const title = uniqueTitle('Doppeltermin ohne JS');
		const pollUrl = await freshPoll(page, title);
		const context = await browser.newContext({ javaScriptEnabled: false });
		const plain = await context.newPage();
		await plain.goto('/login');
		await plain.locator('#field-email').fill(OFFICE);
		await plain.locator('#field-password').fill(DEMO_PASSWORD);
		await plain.getByRole('button', { name: 'Anmelden' }).click();
		await expect(plain).not.toHaveURL(/\/login(\?|$)/);
		await plain.goto(pollUrl);
		const forms = plain.locator('form[action="?/schedule"]');
		const token = (await forms.first().locator('input[name="formToken"]').getAttribute('value'))!;
		const slots = await forms
			.locator('input[name="slotId"]')
			.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		await twoFastClicks(plain, forms.first().getByRole('button', { name: /^Diesen Termin festlegen/ }));
		await expect.poll(() => plain.url(), { timeout: 15_000 }).toMatch(/\/meetings\/[0-9a-f-]{36}$/);
		await plain.waitForLoadState();
		const meeting = new URL(plain.url()).pathname;
		const origin = new URL(plain.url()).origin;
		for (const slotId of [slots[0]!, slots[1]!]) {
			const response = await plain.request.post(`${pollUrl}?/schedule`, {
				form: { slotId, formToken: token },
				headers: { origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(303);
			expect(response.headers()['location']).toBe(meeting);
		}
		await expectOne(page, { count: meetingsNamed } as CreateForm, title);
		await context.close();
	});
});
