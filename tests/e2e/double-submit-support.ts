import type { Browser, Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, formReady, OFFICE } from './support';
import { uniqueTitle } from './agenda-support';

// Double submits of a create form (#11): with JavaScript (double click, two fast clicks) and without it
// (both posts reach the server, then the same form posted twice more). Each spec describes one form.

export interface CreateForm {
	/** The page with the form. */
	url: string;
	/** The form's action attribute. */
	action: string;
	submit: string;
	/** Fills the form for a record called `title`. */
	fill: (form: Locator, title: string) => Promise<void>;
	/** The same fields as a plain POST would send them. */
	fields: (title: string) => Record<string, string>;
	/** Waits until the page shows the result of the (first) submit. */
	settled: (page: Page, title: string) => Promise<void>;
	/** How many records called `title` there are. */
	count: (page: Page, title: string) => Promise<Locator | string[]>;
	/** Who fills the form without JavaScript (the office by default). */
	user?: string;
	/** File fields of a multipart form (uploads), sent with `fields` by the plain POSTs. */
	files?: (title: string) => Record<string, { name: string; mimeType: string; buffer: Buffer }>;
}

/** Presses the button twice as fast as a person can: two separate clicks, no waiting in between. */
export async function twoFastClicks(page: Page, button: Locator) {
	await button.scrollIntoViewIfNeeded();
	const box = (await button.boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.click(x, y);
	await page.mouse.click(x, y);
}

export async function expectOne(page: Page, spec: CreateForm, title: string) {
	const found = await spec.count(page, title);
	if (Array.isArray(found)) expect(found.filter((t) => t === title)).toHaveLength(1);
	else await expect(found).toHaveCount(1);
}

/** Double click, then two fast clicks, with JavaScript: one record each, the button busy meanwhile. */
export async function withScript(page: Page, spec: CreateForm, prefix: string) {
	for (const press of ['dblclick', 'two clicks'] as const) {
		const title = uniqueTitle(`${prefix} ${press}`);
		await page.goto(spec.url);
		const form = await formReady(page.locator(`form[action="${spec.action}"]`));
		await spec.fill(form, title);
		const button = form.getByRole('button', { name: spec.submit });
		if (press === 'dblclick') await button.dblclick();
		else await twoFastClicks(page, button);
		await spec.settled(page, title);
		await expectOne(page, spec, title);
	}
}

/** Without JavaScript: the button pressed twice, then the very same form posted twice more. */
export async function withoutScript(browser: Browser, spec: CreateForm, prefix: string) {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#field-email').fill(spec.user ?? OFFICE);
	await page.locator('#field-password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).not.toHaveURL(/\/login(\?|$)/);
	const title = uniqueTitle(`${prefix} ohne JS`);
	await page.goto(spec.url);
	const form = page.locator(`form[action="${spec.action}"]`);
	await spec.fill(form, title);
	const token = (await form.locator('input[name="formToken"]').getAttribute('value'))!;
	expect(token).toMatch(/^[0-9a-f-]{36}$/);
	const formPage = page.url();
	await twoFastClicks(page, form.getByRole('button', { name: spec.submit }));
	// The second click's navigation replaces the first, which ends as "aborted" — so do not wait for a
	// navigation (waitForURL throws on the aborted one); wait until the page shows another address.
	await expect.poll(() => page.url(), { timeout: 15_000 }).not.toBe(formPage);
	await page.waitForLoadState();

	const origin = new URL(page.url()).origin;
	const target = `${new URL(spec.url, origin).pathname}${spec.action}`;
	for (let i = 0; i < 2; i++) {
		const body = { ...spec.fields(title), formToken: token };
		const sent = spec.files ? { multipart: { ...body, ...spec.files(title) } } : { form: body };
		const response = await page.request.post(target, { ...sent, headers: { origin }, maxRedirects: 0 });
		expect(response.status(), `repeat ${i + 1} of ${spec.action}`).toBeLessThan(400);
	}
	await expectOne(page, spec, title);
	// The page rendered after a submit carries a fresh token for the next record.
	await page.goto(spec.url);
	expect(await page.locator(`form[action="${spec.action}"] input[name="formToken"]`).getAttribute('value')).not.toBe(
		token
	);
	await context.close();
}

export const listed = (url: (title: string) => string) => async (page: Page, title: string) => {
	await page.goto(url(title));
	return page.locator('main').getByText(title, { exact: true });
};
