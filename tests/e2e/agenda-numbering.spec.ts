import type { Page } from '@playwright/test';
import { expect, freshPage, test } from './support';
import { pdfText } from './agenda-support';
import { MEETINGS, UPCOMING_MEETING } from './meetings-support';

// Issue #11: a guest and a member look at the same meeting side by side. The public part carries the
// same numbers and start times for both; the guest sees nothing of the non-public part.

const url = `${MEETINGS}/${UPCOMING_MEETING}`;

/** "Ö 3.1 title | 16:40" for each item of one part of the meeting page's agenda panel (any UI language). */
async function rows(page: Page, part: 'public' | 'nonPublic'): Promise<string[]> {
	const items = page.locator(`section.agenda-panel ol[data-part="${part}"] > li`);
	const result: string[] = [];
	for (const item of await items.all()) {
		const title = (await item.locator('.agenda-item-title').innerText()).replace(/\s+/g, ' ').trim();
		const start = /\d\d:\d\d/.exec(await item.locator('.agenda-meta > span').first().innerText())![0];
		result.push(`${title} | ${start}`);
	}
	return result;
}

/** The DESCRIPTION of a calendar file, unfolded and unescaped. */
function icsDescription(ics: string): string {
	const line =
		ics
			.replace(/\r\n[ \t]/g, '')
			.split('\r\n')
			.find((l) => l.startsWith('DESCRIPTION:')) ?? '';
	return line
		.slice('DESCRIPTION:'.length)
		.replace(/\\n/gi, '\n')
		.replace(/\\([,;\\])/g, '$1');
}

test('a guest and a member see the public part with the same numbers and times; the guest sees nothing else', async ({
	browser
}) => {
	const member = await freshPage(browser, 'member@beirat.example');
	const guest = await freshPage(browser, 'guest@beirat.example');
	await Promise.all([member.page.goto(url), guest.page.goto(url)]);

	const memberPublic = await rows(member.page, 'public');
	expect(memberPublic.length).toBeGreaterThan(3);
	expect(memberPublic[0]).toMatch(/^Ö 1 .+ \| \d\d:\d\d$/);
	expect(await rows(guest.page, 'public')).toEqual(memberPublic);

	// The demo agenda lists "Verschiedenes" after the non-public item: it still belongs to the public part,
	// with the number and start it has for everyone, and the non-public part follows the public one.
	const other = memberPublic.find((row) => row.includes('Verschiedenes'))!;
	expect(other).toBe(memberPublic.at(-1));
	const memberSecret = await rows(member.page, 'nonPublic');
	expect(memberSecret[0]).toMatch(/^N 1 Personalangelegenheiten der Geschäftsstelle \| \d\d:\d\d$/);
	expect(memberSecret[0]!.slice(-5) > other.slice(-5)).toBe(true);
	await expect(member.page.getByRole('heading', { name: 'Nichtöffentlicher Teil' })).toBeVisible();

	// The demo guest reads English.
	await expect(guest.page.getByRole('heading', { name: 'Public part' })).toBeVisible();
	await expect(guest.page.locator('section.agenda-panel ol[data-part="nonPublic"]')).toHaveCount(0);
	await expect(guest.page.getByText(/Non-public part|Nichtöffentlich|Personalangelegenheiten/)).toHaveCount(0);

	// The calendar file and the board book carry the same public lines for both.
	const [memberIcs, guestIcs] = await Promise.all([
		member.page.request.get(`${url}.ics`),
		guest.page.request.get(`${url}.ics`)
	]);
	const publicLines = (text: string) =>
		text
			.split('\n')
			.filter((line) => /^\s*Ö \d/.test(line))
			.map((line) => line.trim().split(/\s{2,}/));
	// "Ö 3.1 Title | Beginn 16:40" on the page is "Ö 3.1  16:40  Title" in the calendar.
	const asIcs = memberPublic.map((row) => {
		const [numbered, start] = row.split(' | ');
		const [part, count, ...title] = numbered!.split(' ');
		return [`${part} ${count}`, start!, title.join(' ')];
	});
	expect(publicLines(icsDescription(await memberIcs.text()))).toEqual(asIcs);
	expect(publicLines(icsDescription(await guestIcs.text()))).toEqual(asIcs);
	expect(icsDescription(await guestIcs.text())).not.toContain('Personalangelegenheiten');

	const book = async (page: Page) => pdfText(await (await page.request.get(`${url}/book.pdf`)).body());
	const [memberBook, guestBook] = await Promise.all([book(member.page), book(guest.page)]);
	for (const row of memberPublic) {
		const [numbered, start] = row.split(' | ');
		const [part, count] = numbered!.split(' ');
		const pattern = new RegExp(`${start}\\s+${part}\\s${count!.replace('.', '\\.')}\\s`);
		expect(memberBook, row).toMatch(pattern);
		expect(guestBook, row).toMatch(pattern);
	}
	expect(guestBook).not.toContain('Personalangelegenheiten');

	await Promise.all([member.context.close(), guest.context.close()]);
});
