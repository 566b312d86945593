import type { Browser, Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, formReady, freshPage, MAIN_BOARD, OFFICE, signIn, test } from './support';
import { uniqueTitle, itemTitles } from './agenda-support';
import { deadlineIn } from './votes-support';

// The record (#11): a create form sent twice makes one record. With JavaScript the button is busy and
// cannot be pressed again (double click, two fast clicks); without JavaScript both posts reach the
// server, which finds the form's one-time token on the first row. Also two POSTs of the same form
// (same token) straight to the server.

const BOARD = `/b/${MAIN_BOARD}`;

interface CreateForm {
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
}

/** Presses the button twice as fast as a person can: two separate clicks, no waiting in between. */
async function twoFastClicks(page: Page, button: Locator) {
	await button.scrollIntoViewIfNeeded();
	const box = (await button.boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.click(x, y);
	await page.mouse.click(x, y);
}

async function expectOne(page: Page, spec: CreateForm, title: string) {
	const found = await spec.count(page, title);
	if (Array.isArray(found)) expect(found.filter((t) => t === title)).toHaveLength(1);
	else await expect(found).toHaveCount(1);
}

/** Double click, then two fast clicks, with JavaScript: one record each, the button busy meanwhile. */
async function withScript(page: Page, spec: CreateForm, prefix: string) {
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
async function withoutScript(browser: Browser, spec: CreateForm, prefix: string) {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/login');
	await page.locator('#field-email').fill(OFFICE);
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
	// The second click's navigation replaces the first: wait until the page left the form, then it is done.
	await page.waitForURL((url) => url.href !== formPage);

	const origin = new URL(page.url()).origin;
	const target = `${new URL(spec.url, origin).pathname}${spec.action}`;
	for (let i = 0; i < 2; i++) {
		const response = await page.request.post(target, { form: { ...spec.fields(title), formToken: token }, headers: { origin }, maxRedirects: 0 });
		expect(response.status(), `repeat ${i + 1} of ${spec.action}`).toBeLessThan(400);
	}
	await expectOne(page, spec, title);
	// The page rendered after a submit carries a fresh token for the next record.
	await page.goto(spec.url);
	expect(await page.locator(`form[action="${spec.action}"] input[name="formToken"]`).getAttribute('value')).not.toBe(token);
	await context.close();
}

const listed = (url: (title: string) => string) => async (page: Page, title: string) => {
	await page.goto(url(title));
	return page.locator('main').getByText(title, { exact: true });
};

const decision: CreateForm = {
	url: `${BOARD}/decisions`,
	action: '?/record',
	submit: 'Beschluss erfassen',
	fill: async (form, title) => {
		await form.getByLabel('Titel').fill(title);
		await form.getByLabel('Beschlusstext').fill(`Der Beirat beschließt: ${title}.`);
		await form.getByLabel('Ja-Stimmen').fill('7');
		await form.getByLabel('Nein-Stimmen').fill('1');
		await form.getByLabel('Enthaltungen').fill('0');
	},
	fields: (title) => ({ title, resolution: `Der Beirat beschließt: ${title}.`, kind: 'resolution', status: 'adopted', outcome: 'counted', yes: '7', no: '1', abstain: '0' }),
	settled: async (page) => expect(page.getByRole('status').filter({ hasText: /Beschluss \d{4}\/\d{2,} wurde erfasst/ })).toBeVisible(),
	count: async (page, title) => {
		await page.goto(`${BOARD}/decisions?q=${encodeURIComponent(title)}`);
		return page.getByRole('cell', { name: title, exact: true });
	}
};

const circular: CreateForm = {
	url: `${BOARD}/votes`,
	action: '?/create',
	submit: 'Umlaufbeschluss eröffnen',
	fill: async (form, title) => {
		await form.getByLabel(/^Titel/).fill(title);
		await form.getByLabel('Beschlussvorschlag').fill(`Antrag: ${title}`);
		await form.getByLabel('Frist (Ortszeit Berlin)').fill(deadlineIn(3));
		await form.getByLabel('Mindestbeteiligung in Prozent').fill('0');
	},
	fields: (title) => ({ title, motion: `Antrag: ${title}`, deadline: deadlineIn(3), majority: 'cast', minParticipation: '0', discussionThreshold: '1' }),
	settled: async (page) => expect(page).toHaveURL(/\/votes\/[0-9a-f-]{36}$/),
	count: listed(() => `${BOARD}/votes`)
};

const meeting: CreateForm = {
	url: `${BOARD}/meetings`,
	action: '?/create',
	submit: 'Sitzung anlegen',
	fill: async (form, title) => {
		await form.getByLabel('Titel').fill(title);
		await form.getByLabel('Beginn').fill('2027-06-10T16:00');
		await form.getByLabel('Ende').fill('2027-06-10T18:00');
	},
	fields: (title) => ({ title, startsAt: '2027-06-10T16:00', endsAt: '2027-06-10T18:00', description: '', location: '', onlineUrl: '' }),
	settled: async (page) => expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/),
	count: listed(() => `${BOARD}/meetings`)
};

const paper: CreateForm = {
	url: `${BOARD}/papers`,
	action: '?/create',
	submit: 'Papier anlegen',
	fill: async (form, title) => form.getByLabel('Titel').fill(title),
	fields: (title) => ({ title, tags: '', visibility: 'board', boardAccess: 'edit' }),
	settled: async (page) => expect(page).toHaveURL(/\/papers\/[0-9a-f-]{36}$/),
	count: listed((title) => `${BOARD}/papers?q=${encodeURIComponent(title)}`)
};

function agendaItem(agendaUrl: string): CreateForm {
	return {
		url: agendaUrl,
		action: '?/add',
		submit: 'Punkt hinzufügen',
		fill: async (form, title) => {
			await form.getByLabel('Titel').fill(title);
			await form.getByLabel('Geplante Dauer in Minuten').fill('10');
		},
		fields: (title) => ({ title, kind: 'discussion', plannedMinutes: '10', description: '' }),
		settled: async (page, title) => expect(page.locator('#agenda-live')).toContainText(title),
		count: async (page) => (await page.goto(agendaUrl), itemTitles(page))
	};
}

test.describe('a create form sent twice makes one record', () => {
	test('record a decision', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		await withScript(page, decision, 'Doppelbeschluss');
		await withoutScript(browser, decision, 'Doppelbeschluss');
	});

	test('open a circular resolution', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		await withScript(page, circular, 'Doppelumlauf');
		await withoutScript(browser, circular, 'Doppelumlauf');
	});

	test('create a meeting, then add agenda items to it', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		await withScript(page, meeting, 'Doppelsitzung');
		await withoutScript(browser, meeting, 'Doppelsitzung');
		await page.goto(meeting.url);
		await page.locator('main').getByText(/^Doppelsitzung dblclick/).first().click();
		await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
		const items = agendaItem(`${new URL(page.url()).pathname}/agenda`);
		await withScript(page, items, 'Doppelpunkt');
		await withoutScript(browser, items, 'Doppelpunkt');
	});

	test('create a paper', async ({ page, browser }) => {
		await signIn(page, OFFICE);
		await withScript(page, paper, 'Doppelpapier');
		await withoutScript(browser, paper, 'Doppelpapier');
	});

	test('the busy button keeps its name and cannot be pressed while the form is sent', async ({ browser }) => {
		const { context, page } = await freshPage(browser, OFFICE);
		await page.route('**/papers?/create', async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 800));
			await route.continue();
		});
		await page.goto(paper.url);
		const form = await formReady(page.locator('form[action="?/create"]'));
		await paper.fill(form, uniqueTitle('Langsames Papier'));
		const button = form.getByRole('button', { name: paper.submit });
		await button.click();
		await expect(button).toBeDisabled();
		await expect(button).toHaveAttribute('aria-busy', 'true');
		await expect(page).toHaveURL(/\/papers\/[0-9a-f-]{36}$/);
		await context.close();
	});
});
