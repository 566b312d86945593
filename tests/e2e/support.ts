import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { matchServerClock } from './clock';

export { expect };

/**
 * Runs in every page before the app: marks each form once a `submit` listener is attached, i.e. once
 * `use:enhance` has run after hydration. Svelte resets `value={…}` inputs while hydrating, so text
 * typed into a server-rendered form before that is lost; tests wait for the mark before typing.
 */
function markEnhancedForms(): void {
	const original = EventTarget.prototype.addEventListener;
	EventTarget.prototype.addEventListener = function (
		this: EventTarget,
		...args: Parameters<EventTarget['addEventListener']>
	) {
		if (args[0] === 'submit' && this instanceof HTMLFormElement) this.setAttribute('data-e2e-enhanced', '');
		return original.apply(this, args);
	};
}

/** Playwright's `test` whose default context marks enhanced forms (see `formReady`). */
export const test = base.extend({
	context: async ({ context }, use) => {
		await matchServerClock(context);
		await context.addInitScript(markEnhancedForms);
		await use(context);
	}
});

/** Waits until an enhanced form is hydrated, so typed text stays and submitting uses the app's handler. */
export async function formReady(form: Locator): Promise<Locator> {
	await expect(form).toHaveAttribute('data-e2e-enhanced', '');
	return form;
}

export const DEMO_PASSWORD = 'beirat-demo';
export const MAIN_BOARD = 'wirtschaft-hamm-2030';
export const OTHER_BOARD = 'ag-fachkraefte';
export const ADMIN = 'admin@beirat.example';
export const OFFICE = 'office@beirat.example';

let counter = 0;
/** A lowercase address no other test (or earlier run against the same server) has used. */
export function uniqueEmail(prefix: string): string {
	counter += 1;
	return `${prefix}-${Date.now()}-${counter}@e2e.example`;
}

/** Accessible name "Action: subject" (Chromium puts a space before the visually hidden ": subject"). */
export function actionName(action: string, subject: string): RegExp {
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${escape(action)}\\s*:\\s*${escape(subject)}$`);
}

/** Fills the password sign-in form on the current page and submits it (German or English page). */
export async function submitCredentials(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	const form = await formReady(page.locator('form', { has: page.locator('#field-password') }));
	await form.locator('#field-email').fill(email);
	await form.locator('#field-password').fill(password);
	await form.getByRole('button', { name: /^(Anmelden|Sign in)$/ }).click();
}

/** Signs in on /login and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await submitCredentials(page, email, password);
	await expect(page).not.toHaveURL(/\/login(\?|$)/);
}

/** A fresh browser context (own cookies) with one page, optionally signed in. */
export async function freshPage(
	browser: Browser,
	email?: string,
	password?: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	await matchServerClock(context);
	await context.addInitScript(markEnhancedForms);
	const page = await context.newPage();
	if (email) await signIn(page, email, password);
	return { context, page };
}

/**
 * The first link starting with `<origin><pathPrefix>` in the newest outbox mail to `to`, read by the
 * admin in a context of its own; the origin is the app's own (the config sets the server's ORIGIN to
 * the base URL, http://127.0.0.1:4173). Retries until such a mail is there (mails are written as the
 * triggering request finishes, but a test must never depend on that timing).
 */
export async function mailLink(browser: Browser, to: string, pathPrefix: string): Promise<string> {
	const { context, page } = await freshPage(browser, ADMIN);
	try {
		let link = '';
		const prefix = `${new URL(page.url()).origin}${pathPrefix}`;
		await expect(async () => {
			await page.goto('/admin/outbox');
			const mail = page
				.locator('article')
				.filter({ has: page.locator('.mail-to').getByText(to, { exact: true }) })
				.first();
			const body = await mail.locator('pre.mail-body').textContent({ timeout: 2_000 });
			const urls = (body ?? '').match(/https?:\/\/[^\s<>"]+/g) ?? [];
			link = urls.find((url) => url.startsWith(prefix)) ?? '';
			expect(link, `newest mail to ${to} has a link starting with ${prefix}`).not.toBe('');
		}).toPass({ timeout: 15_000 });
		return link;
	} finally {
		await context.close();
	}
}

/** Office invites `email` into `board` on the members page that `page` shows (German UI). */
export async function inviteOnPage(page: Page, board: string, email: string, roleLabel = 'Mitglied'): Promise<void> {
	await page.goto(`/b/${board}/members`);
	const form = await formReady(page.locator('form[action="?/invite"]'));
	await form.getByLabel('E-Mail-Adresse').fill(email);
	await form.getByLabel('Rolle', { exact: true }).selectOption({ label: roleLabel });
	await form.getByRole('button', { name: 'Einladung senden' }).click();
	await expect(page.getByRole('status')).toHaveText(`Die Einladung an ${email} ist versendet.`);
}

/** Office (in a context of its own) invites `email` into `board`. */
export async function invite(browser: Browser, board: string, email: string, roleLabel = 'Mitglied'): Promise<void> {
	const { context, page } = await freshPage(browser, OFFICE);
	try {
		await inviteOnPage(page, board, email, roleLabel);
	} finally {
		await context.close();
	}
}

/** Opens an invitation link as a new person, chooses name and password and waits for the dashboard. */
export async function acceptInvitation(page: Page, link: string, name: string, password: string): Promise<void> {
	await page.goto(link);
	await formReady(page.locator('form', { has: page.locator('#field-displayName') }));
	await page.locator('#field-displayName').fill(name);
	await page.locator('#field-password').fill(password);
	await page.getByRole('button', { name: 'Einladung annehmen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Guten Tag, ${name}` })).toBeVisible();
}

export interface NewMember {
	email: string;
	name: string;
	password: string;
	context: BrowserContext;
	/** Signed in as the new member, on the dashboard. The caller closes `context`. */
	page: Page;
}

/** A person invited by office into `board` who accepted in a fresh context and is signed in. */
export async function newMember(browser: Browser, board: string, prefix = 'member'): Promise<NewMember> {
	const email = uniqueEmail(prefix);
	const name = `E2E ${prefix} ${email.split('@')[0]!.split('-').slice(1).join('-')}`;
	const password = `pw-${Date.now()}-lang-genug`;
	await invite(browser, board, email);
	const link = await mailLink(browser, email, '/invite/');
	const { context, page } = await freshPage(browser);
	await acceptInvitation(page, link, name, password);
	return { email, name, password, context, page };
}

/** Fails with the rule ids, impacts and targets of every serious or critical WCAG 2.1 A/AA violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const serious = results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.flatMap((violation) =>
			violation.nodes.map(
				(node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help}`
			)
		);
	if (serious.length > 0) console.log(`axe violations on ${page.url()}:\n  ${serious.join('\n  ')}`);
	expect(serious, `serious/critical axe violations on ${page.url()}`).toEqual([]);
}
