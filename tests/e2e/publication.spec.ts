import { test, expect, signIn, freshPage, formReady, newMember, OFFICE, MAIN_BOARD } from './support';
import { DECISIONS } from './decisions-support';

// The office's publication switches (#14): the board's public switch, a decision and a paper on the
// public pages; each person's own public listing. The demo board starts public.

const SETTINGS = `/b/${MAIN_BOARD}/settings`;
const SKILLS_PAPER = '00000000-0000-4000-8000-000000000a03';
const MEMBER = 'member@beirat.example';

test('office switches the board off and on again', async ({ page }) => {
	await signIn(page, OFFICE);
	await page.goto(SETTINGS);
	const section = page.getByRole('region', { name: 'Öffentliche Seiten' });
	await expect(section).toContainText('Dieses Gremium ist öffentlich.');
	const form = await formReady(section.locator('form[action="?/publish"]'));
	await form.getByRole('button', { name: 'Gremium nicht mehr öffentlich zeigen' }).click();
	await expect(page.getByText('Das Gremium ist nicht mehr öffentlich.')).toBeVisible();
	await expect(section).toContainText('Dieses Gremium ist nicht öffentlich.');
	await form.getByRole('button', { name: 'Gremium öffentlich schalten' }).click();
	await expect(page.getByText('Das Gremium ist jetzt öffentlich.')).toBeVisible();
	await page.reload();
	await expect(section).toContainText('Dieses Gremium ist öffentlich.');
});

test('office publishes and withdraws a public decision; a member sees the state without the switch', async ({
	page,
	browser
}) => {
	const title = `Öffentlicher Beschluss ${Date.now()}`;
	await signIn(page, OFFICE);
	await page.goto(DECISIONS);
	const record = await formReady(page.locator('form[action="?/record"]'));
	await record.getByLabel('Titel').fill(title);
	await record.getByLabel('Beschlusstext').fill(`Der Beirat beschließt: ${title}.`);
	await record.getByLabel('Ja-Stimmen').fill('6');
	await record.getByLabel('Nein-Stimmen').fill('0');
	await record.getByLabel('Enthaltungen').fill('1');
	await record.getByLabel(/^Öffentlicher Beschluss/).check();
	await record.getByRole('button', { name: 'Beschluss erfassen' }).click();
	const status = page.getByRole('status').filter({ hasText: /Beschluss \d{4}\/\d{2,} wurde erfasst/ });
	const number = (await status.locator('a').textContent())!.trim();
	const address = `${DECISIONS}/${number.replace('/', '-')}`;

	await page.goto(address);
	const section = page.getByRole('region', { name: 'Öffentliche Seiten' });
	await expect(section).toContainText('Nicht veröffentlicht.');
	const form = await formReady(section.locator('form[action="?/publish"]'));
	await form.getByRole('button', { name: 'Beschluss veröffentlichen' }).click();
	await expect(page.getByText('Der Beschluss ist veröffentlicht.')).toBeVisible();
	await expect(section).toContainText(/Veröffentlicht am/);

	const { context, page: memberPage } = await freshPage(browser, MEMBER);
	try {
		await memberPage.goto(address);
		const seen = memberPage.getByRole('region', { name: 'Öffentliche Seiten' });
		await expect(seen).toContainText(/Veröffentlicht am/);
		await expect(seen.getByRole('button')).toHaveCount(0);
	} finally {
		await context.close();
	}

	await form.getByRole('button', { name: 'Veröffentlichung zurücknehmen' }).click();
	await expect(page.getByText('Der Beschluss ist nicht mehr veröffentlicht.')).toBeVisible();
	await expect(section).toContainText('Nicht veröffentlicht.');
});

test('office publishes a paper as a frozen version and withdraws it', async ({ page }) => {
	await signIn(page, OFFICE);
	await page.goto(`/b/${MAIN_BOARD}/papers/${SKILLS_PAPER}/settings`);
	const section = page.getByRole('region', { name: 'Veröffentlichung' });
	await expect(section).toContainText('Nicht veröffentlicht.');
	const form = await formReady(section.locator('form[action="?/publish"]'));
	await form.getByRole('button', { name: 'Papier veröffentlichen' }).click();
	await expect(page.getByText('Das Papier ist veröffentlicht.')).toBeVisible();
	await expect(section).toContainText(/Veröffentlicht am .+ \(Version \d+\)\./);
	await form.getByRole('button', { name: 'Veröffentlichung zurücknehmen' }).click();
	await expect(page.getByText('Das Papier ist nicht mehr veröffentlicht.')).toBeVisible();
	await expect(section).toContainText('Nicht veröffentlicht.');
});

test('a member chooses to be listed publicly; the board settings stay the office’s', async ({ browser }) => {
	const { context, page } = await newMember(browser, MAIN_BOARD, 'listed');
	try {
		await page.goto('/profile');
		const section = page.getByRole('region', { name: 'Öffentliche Nennung' });
		const box = section.getByLabel('Mich auf öffentlichen Seiten nennen');
		await expect(box).not.toBeChecked();
		const form = await formReady(section.locator('form[action="?/listing"]'));
		await box.check();
		await form.getByRole('button', { name: 'Speichern' }).click();
		await expect(page.getByText('Sie werden auf den öffentlichen Seiten genannt.')).toBeVisible();
		await page.reload();
		await expect(section.getByLabel('Mich auf öffentlichen Seiten nennen')).toBeChecked();

		const refused = await page.goto(SETTINGS);
		expect(refused?.status()).toBe(403);
	} finally {
		await context.close();
	}
});

test("office sets the board's term, which OParl serves as its legislative term", async ({ page, request }) => {
	const TERM = '/oparl/v1/legislativeterm/00000000-0000-4000-8000-0000000000b1';
	await signIn(page, OFFICE);
	await page.goto(SETTINGS);
	const form = await formReady(page.getByRole('form', { name: 'Amtszeit' }));
	const fields = {
		name: form.getByLabel(/^Bezeichnung/),
		starts: form.getByLabel('Beginn'),
		ends: form.getByLabel('Ende (optional)')
	};
	const seeded = {
		name: await fields.name.inputValue(),
		starts: await fields.starts.inputValue(),
		ends: await fields.ends.inputValue()
	};
	const name = `Amtszeit ${Date.now()}`;
	await fields.name.fill(name);
	await fields.starts.fill('2025-11-01');
	await fields.ends.fill('2025-10-31');
	await form.getByRole('button', { name: 'Amtszeit speichern' }).click();
	await expect(form.getByText('Diese Eingabe ist ungültig.')).toBeVisible();
	await fields.ends.fill('2030-10-31');
	await form.getByRole('button', { name: 'Amtszeit speichern' }).click();
	await expect(page.getByText('Die Amtszeit ist gespeichert.')).toBeVisible();
	const term = await (await request.get(TERM)).json();
	expect(term).toMatchObject({
		type: 'https://schema.oparl.org/1.1/LegislativeTerm',
		name: `Wirtschaft.Hamm.2030: ${name}`,
		startDate: '2025-11-01',
		endDate: '2030-10-31'
	});

	// The seeded term again, so other specs see the demo board as seeded.
	await page.reload();
	await fields.name.fill(seeded.name);
	await fields.starts.fill(seeded.starts);
	await fields.ends.fill(seeded.ends);
	await form.getByRole('button', { name: 'Amtszeit speichern' }).click();
	await expect(page.getByText('Die Amtszeit ist gespeichert.')).toBeVisible();
	expect((await (await request.get(TERM)).json()).name).toBe(`Wirtschaft.Hamm.2030: ${seeded.name}`);
});
