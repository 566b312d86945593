import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { BoardRole } from '../../src/lib/roles';
import { can } from '../../src/lib/server/boards/policy';
import { routeAccess } from '../../src/lib/server/boards/route-access';
import { pdfBytes } from '../factories/files';
import { importPaper } from './comments-support';
import { recordDecisionOnPage } from './decisions-support';
import { createPoll, berlinLocal, PAST_MEETING } from './meetings-support';
import {
	actionName,
	ADMIN,
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	MAIN_BOARD,
	OFFICE,
	test
} from './support';
import { addressOf, sweptRoutes } from './route-sweep-support';
import { openCircular } from './votes-support';

// Every page each person may open, on a 390 px phone: nothing wider than the screen, controls at
// least 44 px high, no serious accessibility violation. Pages with an id in their address open real rows.

const PHONE = { width: 390, height: 844 };
const TOUCH = 44;
/** Pages checked at once per person: the sweep spends most of its time waiting for pages and axe. */
const TABS = 2;
const BOARD = `/b/${MAIN_BOARD}`;
const PEOPLE: { email: string; role: BoardRole }[] = [
	{ email: OFFICE, role: 'office' },
	{ email: 'member@beirat.example', role: 'member' },
	{ email: 'guest@beirat.example', role: 'guest' }
];

/** Pages that only answer a credential in their address (a mailed link): nothing to lay out for a person. */
const CREDENTIAL_PAGES = ['/invite/[token]', '/login/magic/[token]'];

/** Rows the office creates before the sweep, so that pages with an id show real content. */
interface Samples {
	/** Decision number as in its address, e.g. `2026-07`. */
	decision: string;
	vote: string;
	poll: string;
	file: string;
	/** A paper the office imported, with one named version. */
	paper: string;
	version: string;
}

/** The address of a route with the created rows where the sweep's generic samples would show nothing. */
function addressFor(id: string, samples: Samples): string {
	const paper = `${BOARD}/papers/${samples.paper}`;
	const real: Record<string, string> = {
		'/b/[board]/decisions/[number]': `${BOARD}/decisions/${samples.decision}`,
		'/b/[board]/votes/[id]': `${BOARD}/votes/${samples.vote}`,
		'/b/[board]/polls/[id]': `${BOARD}/polls/${samples.poll}`,
		'/b/[board]/files/[id]': `${BOARD}/files/${samples.file}`,
		'/b/[board]/meetings/[id]/minutes': `${BOARD}/meetings/${PAST_MEETING}/minutes`,
		'/b/[board]/papers/[id]/versions/[vid]': `${paper}/versions/${samples.version}`,
		'/b/[board]/papers/[id]/versions/compare': `${paper}/versions/compare?a=${samples.version}&b=current`
	};
	return real[id] ?? addressOf(id, MAIN_BOARD);
}

function pagesFor(role: BoardRole, samples: Samples): string[] {
	const pages = sweptRoutes()
		.filter((route) => route.page && !CREDENTIAL_PAGES.includes(route.id))
		.filter((route) => {
			const access = routeAccess(route.id);
			if (access.kind === 'board') return can({ isAdmin: false }, access.action, { role });
			// Pages outside a board (profile, notifications, calendar …) are laid out alike for everyone but
			// the dashboard: the office checks them once.
			return access.kind !== 'platform' && (role === 'office' || route.id === '/');
		})
		.map((route) => addressFor(route.id, samples));
	// The past meeting has attendance and minutes; the upcoming one (the generic sample) an open agenda.
	return [...pages, `${BOARD}/meetings/${PAST_MEETING}`, `${BOARD}/papers/${samples.paper}/versions`];
}

async function createSamples(browser: Browser): Promise<Samples> {
	const { context, page } = await freshPage(browser, OFFICE);
	try {
		const stamp = Date.now();
		const number = await recordDecisionOnPage(page, `Breitbandausbau Gewerbegebiete Hamm-Uentrop ${stamp}`);
		const decision = number.replace('/', '-');
		await page.goto(`${BOARD}/decisions/${decision}`);
		const task = await formReady(page.locator('form[action="?/task"]'));
		await task.getByLabel('Aufgabe').fill(`Ausschreibungsunterlagen für den Breitbandausbau vorbereiten ${stamp}`);
		await task.getByRole('button', { name: 'Aufgabe anlegen' }).click();
		await expect(page.getByText('Aufgaben: 0 von 1 erledigt')).toBeVisible();

		const vote = new URL(
			await openCircular(page, `Der Beirat empfiehlt die Förderrichtlinie Gründungszuschuss ${stamp}.`)
		).pathname
			.split('/')
			.pop()!;

		await createPoll(page, {
			title: `Klausurtagung ${stamp}`,
			slots: [berlinLocal(30, 10), berlinLocal(31, 14)],
			askedNames: ['Jonas Albers']
		});
		const poll = new URL(page.url()).pathname.split('/').pop()!;

		const fileName = `Standortanalyse-Gewerbeflaechen-Hamm-Rhynern-${stamp}.pdf`;
		await page.goto(`${BOARD}/files`);
		const upload = await formReady(page.locator('form.file-upload'));
		await upload.getByLabel('Dateien auswählen').setInputFiles({
			name: fileName,
			mimeType: 'application/pdf',
			buffer: Buffer.from(await pdfBytes('Standortanalyse'))
		});
		await upload.getByRole('button', { name: 'Hochladen' }).click();
		await expect(page.getByText(`${fileName} hochgeladen.`)).toBeVisible();
		await page.reload();
		const fileHref = await page.getByRole('link', { name: fileName, exact: true }).getAttribute('href');
		const file = fileHref!.split('/').pop()!;

		const paperUrl = await importPaper(page, {
			title: `Fachkräftestrategie ${stamp}`,
			markdown: '## Ziele\n\nZiel sind 500 neue Ausbildungsplätze.\n'
		});
		await page.goto(`${paperUrl}/versions`);
		const create = await formReady(page.locator('form[action="?/create"]'));
		await create.getByLabel('Name der Version').fill('Entwurf für die Sitzung im Dezember');
		await create.getByRole('button', { name: 'Benannte Version speichern' }).click();
		await expect(page.getByRole('status')).toHaveText(/Version \d+ gespeichert\./);
		const versionHref = await page
			.getByRole('link', { name: /^Ansehen\s*:\s*Version \d+ – Entwurf/ })
			.getAttribute('href');
		return { decision, vote, poll, file, paper: paperUrl.split('/').pop()!, version: versionHref!.split('/').pop()! };
	} finally {
		await context.close();
	}
}

/** Visible controls lower than a finger (inline links in running text are exempt, as in WCAG 2.5.8). */
function smallControls(page: Page, minimum: number): Promise<string[]> {
	return page.evaluate((min) => {
		const selector = [
			'button',
			'select',
			'summary',
			'textarea',
			'input:not([type="hidden"], [type="checkbox"], [type="radio"])',
			'a.button',
			'nav a'
		].join(', ');
		const small: string[] = [];
		for (const element of document.querySelectorAll<HTMLElement>(selector)) {
			const box = element.getBoundingClientRect();
			// Not rendered (folded menu, closed details) or visually hidden: nothing to touch.
			if (box.width <= 1 || box.height <= 1 || element.closest('[aria-hidden="true"]')) continue;
			if (box.height < min - 0.5)
				small.push(
					`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}" ${Math.round(box.height)} px`
				);
		}
		return small;
	}, minimum);
}

let samples: Samples;

test.beforeAll(async ({ browser }) => {
	test.setTimeout(180_000);
	samples = await createSamples(browser);
});

interface SweepResult {
	tooWide: string[];
	tooSmall: string[];
	opened: number;
}

/** Opens every address in a few tabs of `context` and checks width, touch targets and axe on each. */
async function sweep(context: BrowserContext, addresses: string[]): Promise<SweepResult> {
	const result: SweepResult = { tooWide: [], tooSmall: [], opened: 0 };
	const queue = [...addresses];
	// A page that redirects (e.g. /login for someone signed in) lands on one already checked.
	const seen = new Set<string>();
	const tab = async () => {
		const page = await context.newPage();
		await page.setViewportSize(PHONE);
		for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
			const response = await page.goto(address);
			if ((response?.status() ?? 200) >= 400 || seen.has(page.url())) continue;
			seen.add(page.url());
			result.opened += 1;
			// Folded parts (agenda item forms, audit details) must fit as well once someone opens them.
			await page.evaluate(() =>
				document.querySelectorAll('main details').forEach((details) => details.setAttribute('open', ''))
			);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width > PHONE.width) result.tooWide.push(`${address}: ${width} px`);
			for (const control of await smallControls(page, TOUCH)) result.tooSmall.push(`${address}: ${control}`);
			await expectNoSeriousA11yViolations(page);
		}
		await page.close();
	};
	await Promise.all(Array.from({ length: TABS }, tab));
	return result;
}

for (const person of PEOPLE) {
	test(`every page fits a 390 px phone for the ${person.role}`, async ({ browser }) => {
		test.setTimeout(240_000);
		const { context, page } = await freshPage(browser, person.email);
		await page.close();
		const { tooWide, tooSmall, opened } = await sweep(context, pagesFor(person.role, samples));
		await context.close();
		expect(tooWide).toEqual([]);
		expect(tooSmall).toEqual([]);
		// A sweep that opened almost nothing (every page refused) would prove nothing.
		expect(opened).toBeGreaterThan(person.role === 'guest' ? 5 : 15);
	});
}

test('the administration pages fit a 390 px phone', async ({ browser }) => {
	test.setTimeout(120_000);
	const admin = sweptRoutes()
		.filter((route) => route.page && routeAccess(route.id).kind === 'platform')
		.map((route) => addressOf(route.id, MAIN_BOARD));
	const { context, page } = await freshPage(browser, ADMIN);
	await page.close();
	const { tooWide, tooSmall, opened } = await sweep(context, admin);
	await context.close();
	expect(tooWide).toEqual([]);
	expect(tooSmall).toEqual([]);
	expect(opened).toBeGreaterThanOrEqual(4);
});

test('the sign-in pages fit a 390 px phone', async ({ browser }) => {
	const { context, page } = await freshPage(browser);
	await page.setViewportSize(PHONE);
	for (const address of ['/login', '/reset', '/invite/not-a-valid-credential']) {
		await page.goto(address);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), address).toBeLessThanOrEqual(PHONE.width);
		expect(await smallControls(page, TOUCH), address).toEqual([]);
	}
	await context.close();
});

test('on a phone the header and the board areas fold into menu buttons', async ({ browser }) => {
	const { context, page } = await freshPage(browser, OFFICE);
	await page.setViewportSize(PHONE);
	await page.goto(`${BOARD}/members`);
	// The buttons work once the page is hydrated (without JavaScript the menus are open instead).
	await formReady(page.locator('form[action="?/invite"]'));
	const menu = page.getByRole('button', { name: /^Menü/ });
	const areas = page.getByRole('button', { name: actionName('Bereiche', 'Mitglieder') });
	const profile = page.getByRole('link', { name: 'Sabine Wolter' });
	const papers = page.getByRole('navigation', { name: /^Bereiche von/ }).getByRole('link', { name: 'Papiere' });
	for (const button of [menu, areas]) {
		await expect(button).toHaveAttribute('aria-expanded', 'false');
		const region = page.locator(`#${await button.getAttribute('aria-controls')}`);
		await expect(region).toBeHidden();
	}
	await expect(profile).toBeHidden();
	// The content starts near the top instead of below a block of links.
	const heading = await page.getByRole('heading', { level: 1, name: 'Mitglieder' }).boundingBox();
	expect(heading!.y).toBeLessThan(260);

	// Keyboard: Enter opens, Escape closes and gives the focus back to the button.
	await menu.focus();
	await page.keyboard.press('Enter');
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await expect(profile).toBeVisible();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Escape');
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(menu).toBeFocused();
	await expect(profile).toBeHidden();

	await areas.click();
	await expect(areas).toHaveAttribute('aria-expanded', 'true');
	await expect(papers).toBeVisible();
	await expectNoSeriousA11yViolations(page);
	await papers.click();
	await expect(page).toHaveURL(new RegExp(`${BOARD}/papers$`));
	// Following a link closes the menu; the button names the new area.
	await expect(page.getByRole('button', { name: actionName('Bereiche', 'Papiere') })).toHaveAttribute(
		'aria-expanded',
		'false'
	);
	await expect(papers).toBeHidden();

	// On a wide screen there are no menu buttons, the links are in place.
	await page.setViewportSize({ width: 1366, height: 800 });
	await expect(menu).toBeHidden();
	await expect(profile).toBeVisible();
	await expect(papers).toBeVisible();
	await context.close();
});

test('without JavaScript the phone menus stay open and every link is reachable', async ({ browser }) => {
	const { context: signedIn } = await freshPage(browser, OFFICE);
	const cookies = await signedIn.cookies();
	await signedIn.close();
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
	await context.addCookies(cookies);
	const page = await context.newPage();
	await page.goto(`${BOARD}/members`);
	await expect(page.getByRole('button', { name: /^Menü/ })).toBeHidden();
	await expect(page.getByRole('link', { name: 'Sabine Wolter' })).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: /^Bereiche von/ }).getByRole('link', { name: 'Papiere' })
	).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await context.close();
});

test('the circular resolution form shows every field whole on a wide screen', async ({ browser }) => {
	const { context, page } = await freshPage(browser, OFFICE);
	await page.setViewportSize({ width: 1366, height: 900 });
	await page.goto(`${BOARD}/votes`);
	const form = page.locator('form[action="?/create"]');
	// Every control ends inside its own field (a select wider than its column ran under the next field).
	const cut = await form.evaluate((element) =>
		[...element.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea, label')]
			.filter(
				(control) => control.getBoundingClientRect().right > control.parentElement!.getBoundingClientRect().right + 0.5
			)
			.map((control) => control.id || control.textContent?.trim() || control.tagName)
	);
	expect(cut).toEqual([]);
	await expect(
		form
			.getByRole('group', { name: 'Mehrheit' })
			.getByRole('radio', { name: 'Einfache Mehrheit der abgegebenen Stimmen' })
	).toBeChecked();
	await context.close();
});
