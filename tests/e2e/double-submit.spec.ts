import { expect, formReady, freshPage, MAIN_BOARD, OFFICE, signIn, test } from './support';
import { uniqueTitle, itemTitles } from './agenda-support';
import { deadlineIn } from './votes-support';
import { type CreateForm, listed, withoutScript, withScript } from './double-submit-support';

// The record (#11): a create form sent twice makes one record. With JavaScript the button is busy and
// cannot be pressed again (double click, two fast clicks); without JavaScript both posts reach the
// server, which finds the form's one-time token on the first row. Also two POSTs of the same form
// (same token) straight to the server.

const BOARD = `/b/${MAIN_BOARD}`;

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
	fields: (title) => ({
		title,
		resolution: `Der Beirat beschließt: ${title}.`,
		kind: 'resolution',
		status: 'adopted',
		outcome: 'counted',
		yes: '7',
		no: '1',
		abstain: '0'
	}),
	settled: async (page) =>
		expect(page.getByRole('status').filter({ hasText: /Beschluss \d{4}\/\d{2,} wurde erfasst/ })).toBeVisible(),
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
	fields: (title) => ({
		title,
		motion: `Antrag: ${title}`,
		deadline: deadlineIn(3),
		majority: 'cast',
		minParticipation: '0',
		discussionThreshold: '1'
	}),
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
	fields: (title) => ({
		title,
		startsAt: '2027-06-10T16:00',
		endsAt: '2027-06-10T18:00',
		description: '',
		location: '',
		onlineUrl: ''
	}),
	settled: async (page) => expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/),
	count: listed(() => `${BOARD}/meetings`)
};

const paper: CreateForm = {
	url: `${BOARD}/papers`,
	action: '?/create',
	submit: 'Papier anlegen',
	fill: async (form, title) => form.getByLabel('Titel').fill(title),
	fields: (title) => ({ title, tags: '', visibility: 'board', boardAccess: 'edit' }),
	// The editor page is the heaviest to open: on a machine with every core busy it took ~10 s.
	settled: async (page) => expect(page).toHaveURL(/\/papers\/[0-9a-f-]{36}$/, { timeout: 30_000 }),
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
	// Each test creates its record five times over (two presses with JavaScript, three posts without).
	test.describe.configure({ timeout: 120_000 });

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
		// Two forms, each sent five times: on a busy machine this took two minutes.
		test.setTimeout(240_000);
		await signIn(page, OFFICE);
		await withScript(page, meeting, 'Doppelsitzung');
		await withoutScript(browser, meeting, 'Doppelsitzung');
		await page.goto(meeting.url);
		await page
			.locator('main')
			.getByText(/^Doppelsitzung dblclick/)
			.first()
			.click();
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
		await expect(page).toHaveURL(/\/papers\/[0-9a-f-]{36}$/, { timeout: 30_000 });
		await context.close();
	});
});
