import { expect, expectNoSeriousA11yViolations, formReady, freshPage, MAIN_BOARD, OFFICE, test } from './support';
import { uniqueTitle } from './agenda-support';
import { downloadBy, FILES, meetingWithItem } from './files-support';
import { pdfBytes, pngBytes } from '../factories/files';

const MEMBER = 'member@beirat.example';

test('office attaches a PDF to an agenda item; office and a member download it with its name and bytes', async ({
	browser
}) => {
	const { context, page } = await freshPage(browser, OFFICE);
	const item = uniqueTitle('Haushalt Anlage');
	const meetingUrl = await meetingWithItem(page, { title: uniqueTitle('Sitzung Dateien'), item });
	await page.goto(meetingUrl);
	const pdf = Buffer.from(await pdfBytes('Haushaltsentwurf 2030'));
	const name = `Haushalt Übersicht ${Date.now()}.pdf`;
	// Each item offers one compact "attach" control; its upload form stays folded until asked for.
	const attach = page.locator('details.attach-files').filter({ hasText: item });
	await expect(attach.locator('form.file-upload')).toBeHidden();
	await attach.getByText('Datei anhängen').click();
	const upload = await formReady(
		page.locator('form.file-upload').filter({ has: page.getByLabel(`Anlagen hinzufügen: ${item}`) })
	);
	await upload
		.getByLabel(`Anlagen hinzufügen: ${item}`)
		.setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
	await upload.getByRole('button', { name: 'Hochladen' }).click();
	await expect(page.getByText(`${name} hochgeladen.`)).toBeVisible();
	const link = page.locator('.agenda-files').getByRole('link', { name });
	await expect(link).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	const fromOffice = await downloadBy(page, () => link.click());
	expect(fromOffice.name).toBe(name);
	expect(fromOffice.bytes.equals(pdf)).toBe(true);

	// The download route redirects to a short-lived signed link that names the file (RFC 5987) and forbids sniffing.
	const redirect = await page.request.get((await link.getAttribute('href'))!, { maxRedirects: 0 });
	expect(redirect.status()).toBe(303);
	const signed = await page.request.get(redirect.headers()['location']!);
	expect(signed.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
	expect(signed.headers()['x-content-type-options']).toBe('nosniff');
	expect(signed.headers()['content-type']).toBe('application/pdf');

	const { context: memberContext, page: memberPage } = await freshPage(browser, MEMBER);
	await memberPage.goto(meetingUrl);
	const fromMember = await downloadBy(memberPage, () =>
		memberPage.locator('.agenda-files').getByRole('link', { name }).click()
	);
	expect(fromMember.bytes.equals(pdf)).toBe(true);
	// The member sees the attachment but gets no upload form on the item.
	await expect(memberPage.getByLabel(`Anlagen hinzufügen: ${item}`)).toHaveCount(0);
	await expect(memberPage.locator('details.attach-files')).toHaveCount(0);
	await memberContext.close();
	await context.close();
});

test('the library uploads several files with progress, refuses a disguised file, keeps versions and deletes', async ({
	browser
}) => {
	const { context, page } = await freshPage(browser, OFFICE);
	await page.goto(FILES);
	await expect(page.getByRole('heading', { level: 1, name: 'Dateien' })).toBeVisible();
	const stamp = Date.now();
	const report = `Bericht ${stamp}.pdf`;
	const picture = `Foto ${stamp}.png`;
	const fake = `Getarnt ${stamp}.pdf`;
	const form = await formReady(page.locator('form.file-upload'));
	await form.getByLabel('Dateien auswählen').setInputFiles([
		{ name: report, mimeType: 'application/pdf', buffer: Buffer.from(await pdfBytes('Bericht')) },
		{ name: picture, mimeType: 'image/png', buffer: Buffer.from(pngBytes()) },
		{ name: fake, mimeType: 'application/pdf', buffer: Buffer.from(pngBytes()) }
	]);
	await form.getByRole('button', { name: 'Hochladen' }).click();
	// One progress bar per file; it stays with the file's outcome.
	await expect(page.getByRole('progressbar')).toHaveCount(3);
	await expect(page.getByRole('progressbar', { name: `Fortschritt: ${report}` })).toHaveAttribute('value', '100');
	await expect(page.getByText(`${report} hochgeladen.`)).toBeVisible();
	await expect(page.getByText(`${picture} hochgeladen.`)).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: fake })).toHaveText(
		`${fake}: Der Inhalt der Datei passt nicht zu ihrer Endung.`
	);
	const table = page.locator('table');
	await expect(table.getByRole('link', { name: report, exact: true })).toBeVisible();
	await expect(table.getByRole('link', { name: picture, exact: true })).toBeVisible();
	await expect(table.getByRole('link', { name: fake, exact: true })).toHaveCount(0);
	await expectNoSeriousA11yViolations(page);

	// Cancelling: the request is held back until the person clicks "Abbrechen" for that file.
	await page.route('**/api/b/*/files', () => {});
	const slow = `Langsam ${stamp}.png`;
	await form
		.getByLabel('Dateien auswählen')
		.setInputFiles({ name: slow, mimeType: 'image/png', buffer: Buffer.from(pngBytes()) });
	await form.getByRole('button', { name: 'Hochladen' }).click();
	await page.getByRole('button', { name: new RegExp(`^Abbrechen\\s*:\\s*${slow}$`) }).click();
	await expect(page.getByText(`${slow}: Hochladen abgebrochen.`)).toBeVisible();
	await page.unroute('**/api/b/*/files');
	await page.reload();
	await expect(page.locator('table').getByRole('link', { name: slow, exact: true })).toHaveCount(0);

	// The endpoint answers JSON: too large (413, bodies up to the bucket limit reach the app) and a large valid file (201).
	const endpoint = `/api/b/${MAIN_BOARD}/files`;
	const big = Buffer.alloc(25 * 1024 * 1024 + 1);
	big.write('%PDF-1.7');
	const origin = { origin: new URL(page.url()).origin };
	const tooLarge = await page.request.post(endpoint, {
		headers: origin,
		multipart: { file: { name: 'gross.pdf', mimeType: 'application/pdf', buffer: big } }
	});
	expect(tooLarge.status()).toBe(413);
	expect(await tooLarge.json()).toEqual({ message: 'Die Datei ist zu groß (höchstens 25 MB).' });
	const large = await page.request.post(endpoint, {
		headers: origin,
		multipart: {
			file: { name: `Gross ${stamp}.pdf`, mimeType: 'application/pdf', buffer: big.subarray(0, 24 * 1024 * 1024) }
		}
	});
	expect(large.status()).toBe(201);

	// A new version; both stay downloadable.
	await table.getByRole('link', { name: report, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: report })).toBeVisible();
	const second = Buffer.from(await pdfBytes('Zweite Fassung'));
	const replace = await formReady(page.locator('form.file-upload'));
	await replace
		.getByLabel('Datei für die neue Version')
		.setInputFiles({ name: `Bericht ${stamp} v2.pdf`, mimeType: 'application/pdf', buffer: second });
	await replace.getByRole('button', { name: 'Neue Version speichern' }).click();
	await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
	const v1 = await downloadBy(page, () => page.getByRole('link', { name: 'Version 1 herunterladen' }).click());
	expect(v1.name).toBe(report);
	const v2 = await downloadBy(page, () => page.getByRole('link', { name: 'Version 2 herunterladen' }).click());
	expect(v2.bytes.equals(second)).toBe(true);
	await expectNoSeriousA11yViolations(page);

	// A signed link is the only credential: a forged one is refused.
	expect((await page.request.get('/storage/eyJiIjoiYm9hcmQtZmlsZXMifQ.AAAA')).status()).toBe(403);

	await page.getByText('Datei löschen …').click();
	await page.getByRole('button', { name: 'Endgültig löschen' }).click();
	await expect(page).toHaveURL(/\/files\?deleted=1$/);
	await expect(page.getByText('Datei gelöscht.')).toBeVisible();
	await expect(page.locator('table').getByRole('link', { name: `Bericht ${stamp} v2.pdf`, exact: true })).toHaveCount(
		0
	);
	await context.close();
});

test('several files dropped on the drop zone at once are all uploaded', async ({ browser }) => {
	const { context, page } = await freshPage(browser, MEMBER);
	await page.goto(FILES);
	await formReady(page.locator('form.file-upload'));
	const stamp = Date.now();
	const pdfName = `Abgelegt ${stamp}.pdf`;
	const pngName = `Abgelegt ${stamp}.png`;
	const pdf = [...(await pdfBytes('Abgelegt'))];
	const png = [...pngBytes()];
	// A real drag from the desktop cannot be scripted; a drop event carrying the files is what the page sees.
	await page.locator('.drop-zone').evaluate(
		(zone, input) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([new Uint8Array(input.pdf)], input.pdfName, { type: 'application/pdf' }));
			transfer.items.add(new File([new Uint8Array(input.png)], input.pngName, { type: 'image/png' }));
			zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
			zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
		},
		{ pdfName, pngName, pdf, png }
	);
	for (const name of [pdfName, pngName]) {
		await expect(page.getByText(`${name} hochgeladen.`)).toBeVisible();
		await expect(page.locator('table').getByRole('link', { name, exact: true })).toBeVisible();
	}
	await context.close();
});

test('without JavaScript the plain multipart form uploads several files', async ({ browser }) => {
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noJs.newPage();
	await plain.goto('/login');
	// Signed out, the upload endpoint answers 401 with a message instead of a redirect.
	const signedOut = await plain.request.post(`/api/b/${MAIN_BOARD}/files`, {
		headers: { origin: new URL(plain.url()).origin },
		multipart: { file: { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from(pngBytes()) } }
	});
	expect(signedOut.status()).toBe(401);
	expect(await signedOut.json()).toHaveProperty('message');
	await plain.locator('#field-email').fill(OFFICE);
	await plain.locator('#field-password').fill('beirat-demo');
	await plain.getByRole('button', { name: 'Anmelden' }).click();
	await expect(plain).not.toHaveURL(/\/login/);
	await plain.goto(FILES);
	const stamp = Date.now();
	await plain.getByLabel('Dateien auswählen').setInputFiles([
		{ name: `Ohne JS ${stamp}.png`, mimeType: 'image/png', buffer: Buffer.from(pngBytes()) },
		{ name: `Ohne JS ${stamp}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await pdfBytes('ohne')) }
	]);
	await plain.getByRole('button', { name: 'Hochladen' }).click();
	await expect(plain.getByText('2 Dateien hochgeladen.')).toBeVisible();
	await expect(plain.locator('table').getByRole('link', { name: `Ohne JS ${stamp}.pdf`, exact: true })).toBeVisible();
	await noJs.close();
});
