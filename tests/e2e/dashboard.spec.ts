import {
	expect,
	expectNoSeriousA11yViolations,
	formReady,
	freshPage,
	MAIN_BOARD,
	newMember,
	OFFICE,
	test
} from './support';
import { uniqueTitle } from './agenda-support';
import { assignTask, berlinDay, cancelMeeting, createSoonMeeting, MEETINGS, TASKS } from './dashboard-support';

// Each test sets up through the UI first (an invited member, a meeting with items, a task).
test.describe.configure({ timeout: 120_000 });

test('the dashboard shows the next meeting with a working RSVP and the task the office assigned', async ({
	browser
}) => {
	const member = await newMember(browser, MAIN_BOARD, 'dash');
	const office = await freshPage(browser, OFFICE);
	const meetingTitle = uniqueTitle('Dashboard-Sitzung');
	const publicItem = uniqueTitle('Begrüßung');
	const confidentialItem = uniqueTitle('Personalie');
	const taskTitle = uniqueTitle('Bericht Gewerbeflächen');
	const meetingId = await createSoonMeeting(office.page, { title: meetingTitle, publicItem, confidentialItem });
	let cancelled = false;
	try {
		await assignTask(office.page, { title: taskTitle, ownerName: member.name, dueDate: berlinDay(-2) });

		const page = member.page;
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1, name: `Guten Tag, ${member.name}` })).toBeVisible();
		const meeting = page.getByRole('region', { name: 'Nächste Sitzung' });
		await expect(meeting.getByRole('heading', { level: 3, name: meetingTitle })).toBeVisible();
		// New meetings start with the board's standard items; ours follow them, with the agenda's numbers:
		// the public part first (Ö 1 …), then the non-public part (N 1 …).
		const agenda = meeting.getByRole('list', { name: 'Tagesordnung' }).getByRole('listitem');
		await expect(agenda.first()).toHaveText(/^Ö 1\s/);
		await expect(agenda.filter({ hasText: publicItem })).toHaveText(new RegExp(`^Ö \\d+\\s*${publicItem}\\s*$`));
		await expect(agenda.last()).toHaveText(new RegExp(`^N 1\\s*${confidentialItem}\\s*nicht öffentlich$`));
		await expect(meeting.getByText('Sie haben noch nicht geantwortet.')).toBeVisible();

		const rsvp = await formReady(meeting.locator('form.dashboard-rsvp'));
		await rsvp.getByRole('button', { name: 'Zusagen' }).click();
		await expect(meeting.getByText('Ihre Rückmeldung ist gespeichert.')).toBeVisible();
		await expect(meeting.getByText('Bisher: Ich nehme teil')).toBeVisible();
		await expect(rsvp.getByRole('button', { name: 'Zusagen' })).toHaveAttribute('aria-pressed', 'true');

		// The task the office assigned, overdue in words (and colour), linking to the full list.
		const tasks = page.getByRole('region', { name: 'Meine offenen Aufgaben' });
		const task = tasks.getByRole('listitem').filter({ hasText: taskTitle });
		await expect(task).toContainText('Überfällig');
		await expect(tasks.getByRole('link', { name: 'Alle Aufgaben' })).toHaveAttribute('href', TASKS);
		// A new member has nothing to vote on and was never mentioned: the empty states say what happens next.
		await expect(page.getByRole('region', { name: 'Offene Abstimmungen' })).toContainText(
			'Keine Abstimmung wartet auf Ihre Stimme.'
		);
		await expect(page.getByRole('region', { name: 'Erwähnungen' })).toContainText(
			'Niemand hat Sie bisher in einem Kommentar erwähnt.'
		);
		await expect(page.getByRole('region', { name: 'Neueste Beschlüsse' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Zuletzt geänderte Papiere' })).toBeVisible();
		await expectNoSeriousA11yViolations(page);

		// The answer is the meeting's RSVP, as the meeting page shows it.
		await meeting.getByRole('link', { name: meetingTitle }).click();
		await expect(page).toHaveURL(`${MEETINGS}/${meetingId}`);
		await expect(page.getByRole('radio', { name: 'Ich nehme teil', exact: true })).toBeChecked();

		// The meeting is cancelled while the dashboard is open: the answer is refused with the reason.
		await page.goto('/');
		const stale = await formReady(meeting.locator('form.dashboard-rsvp'));
		await cancelMeeting(office.page, meetingId);
		cancelled = true;
		await stale.getByRole('button', { name: 'Absagen' }).click();
		await expect(meeting.getByText('Für diese Sitzung sind keine Rückmeldungen mehr möglich.')).toBeVisible();
		await expect(meeting.getByText('Bisher: Ich nehme teil')).toBeVisible();
	} finally {
		if (!cancelled) await cancelMeeting(office.page, meetingId);
		await office.context.close();
		await member.context.close();
	}
});

test('without JavaScript the RSVP button still answers, on the meeting page', async ({ browser }) => {
	const office = await freshPage(browser, OFFICE);
	const meetingTitle = uniqueTitle('Sitzung ohne Skript');
	const meetingId = await createSoonMeeting(office.page, {
		title: meetingTitle,
		publicItem: uniqueTitle('Begrüßung'),
		confidentialItem: uniqueTitle('Interna')
	});
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		await page.goto('/login');
		await page.locator('#field-email').fill('member2@beirat.example');
		await page.locator('#field-password').fill('beirat-demo');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page).toHaveURL(/\/$/);
		const meeting = page.getByRole('region', { name: 'Nächste Sitzung' });
		await expect(meeting.getByRole('heading', { level: 3, name: meetingTitle })).toBeVisible();
		await meeting.getByRole('button', { name: 'Absagen' }).click();
		await expect(page).toHaveURL(new RegExp(`${MEETINGS}/${meetingId}`));
		await expect(page.getByText('Ihre Rückmeldung ist gespeichert.')).toBeVisible();
		await page.goto('/');
		await expect(
			page.getByRole('region', { name: 'Nächste Sitzung' }).getByText('Bisher: Ich nehme nicht teil')
		).toBeVisible();
	} finally {
		await context.close();
		await cancelMeeting(office.page, meetingId);
		await office.context.close();
	}
});

// The demo guest reads English: the dashboard follows the person's language.
test('a guest sees only their meeting with its public items', async ({ browser }) => {
	const { context, page } = await freshPage(browser, 'guest@beirat.example');
	try {
		await page.goto('/');
		const meeting = page.getByRole('region', { name: 'Next meeting' });
		await expect(meeting.getByRole('heading', { level: 3 }).first().getByRole('link')).toHaveAttribute(
			'href',
			/\/meetings\/[0-9a-f-]{36}$/
		);
		await expect(meeting.getByRole('list', { name: 'Agenda' }).getByRole('listitem').first()).toHaveText(/^Ö 1\s/);
		// The demo meeting's confidential item (seed.sql) and any non-public marker stay hidden.
		await expect(page.getByText('Personalangelegenheiten der Geschäftsstelle')).toHaveCount(0);
		await expect(meeting.getByText('non-public')).toHaveCount(0);
		await expect(meeting.getByRole('button', { name: 'Accept' })).toHaveCount(0);
		await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Next meeting']);
		await expectNoSeriousA11yViolations(page);
	} finally {
		await context.close();
	}
});
