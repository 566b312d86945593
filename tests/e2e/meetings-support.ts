import type { Browser, Page } from '@playwright/test';
import { expect, formReady, freshPage, MAIN_BOARD } from './support';
import { testNow } from './clock';

/** The demo meetings (supabase/seed.sql): held three weeks ago, invited in two weeks with the demo guest. */
export const PAST_MEETING = '00000000-0000-4000-8000-0000000000c1';
export const UPCOMING_MEETING = '00000000-0000-4000-8000-0000000000c2';
export const MEETINGS = `/b/${MAIN_BOARD}/meetings`;
export const POLLS = `/b/${MAIN_BOARD}/polls`;

/** A `datetime-local` value `days` from today (the server's today) at `hour`:00, Berlin wall-clock time. */
export function berlinLocal(days: number, hour: number): string {
	const date = new Date(testNow() + days * 86_400_000);
	const day = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Berlin',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(date);
	return `${day}T${String(hour).padStart(2, '0')}:00`;
}

/** Office's poll form on /polls: fills it with the given slots and only the named people asked. */
export async function createPoll(
	page: Page,
	input: { title: string; slots: string[]; askedNames: string[] }
): Promise<void> {
	await page.goto(POLLS);
	const form = await formReady(page.locator('form[action="?/create"]'));
	await form.getByLabel('Titel').fill(input.title);
	await form.getByLabel('Dauer (Minuten)').fill('90');
	await form.getByLabel('Antworten bis').fill(berlinLocal(5, 18));
	for (const [index, slot] of input.slots.entries())
		await form.getByLabel(`Termin ${index + 1}`, { exact: true }).fill(slot);
	const asked = form.getByRole('group', { name: 'Wer wird gefragt?' }).getByRole('checkbox');
	for (const box of await asked.all()) {
		const label = (await box.locator('xpath=..').textContent()) ?? '';
		await box.setChecked(input.askedNames.some((name) => label.includes(name)));
	}
	await form.getByRole('button', { name: 'Terminumfrage anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
}

/** A member answers every slot of the poll page they are on, in order. */
export async function answerPoll(page: Page, answers: ('Ja' | 'Wenn nötig' | 'Nein')[]): Promise<void> {
	const form = await formReady(page.locator('form[action="?/answer"]'));
	const groups = form.getByRole('group', { name: /^Verfügbarkeit am/ });
	await expect(groups).toHaveCount(answers.length);
	for (const [index, answer] of answers.entries()) await groups.nth(index).getByLabel(answer, { exact: true }).check();
	await form.getByRole('button', { name: 'Antworten speichern' }).click();
	await expect(page.getByText('Ihre Antworten sind gespeichert.')).toBeVisible();
}

/**
 * The whole scheduling step as the office does it: a poll with three dates for the two demo members,
 * both answer, the office fixes the date most can attend. Returns the new meeting's id.
 */
export async function scheduleByPoll(browser: Browser, office: Page, title: string): Promise<string> {
	await createPoll(office, {
		title,
		slots: [berlinLocal(40, 10), berlinLocal(41, 14), berlinLocal(42, 16)],
		askedNames: ['Jonas Albers', 'Aylin Demir']
	});
	const pollUrl = office.url();
	for (const [email, answers] of [
		['member@beirat.example', ['Nein', 'Ja', 'Wenn nötig']],
		['member2@beirat.example', ['Nein', 'Ja', 'Nein']]
	] as const) {
		const member = await freshPage(browser, email);
		await member.page.goto(pollUrl);
		await answerPoll(member.page, [...answers]);
		await member.context.close();
	}
	await office.reload();
	await office
		.getByRole('button', { name: /^Diesen Termin festlegen/ })
		.nth(1)
		.click();
	await expect(office).toHaveURL(new RegExp(`${MEETINGS}/[0-9a-f-]{36}$`));
	return office.url().split('/').pop()!;
}

/** A member answers the invitation on the meeting page. */
export async function rsvp(
	page: Page,
	meetingId: string,
	answer: 'Ich nehme teil' | 'Ich nehme online teil' | 'Ich nehme nicht teil'
): Promise<void> {
	await page.goto(`${MEETINGS}/${meetingId}`);
	const form = await formReady(page.locator('form[action="?/rsvp"]'));
	await form.getByLabel(answer).check();
	await form.getByRole('button', { name: 'Rückmeldung speichern' }).click();
	await expect(page.getByText('Ihre Rückmeldung ist gespeichert.')).toBeVisible();
}
