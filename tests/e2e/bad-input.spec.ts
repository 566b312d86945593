import { randomUUID } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD, expect, MAIN_BOARD, OFFICE, test } from './support';
import { pdfBytes } from '../factories/files';

// Bad input from outside (addresses, query strings, forms, uploads) is refused with 400/404/413 and a
// message in the person's language: never a 500, never a stack trace. The global teardown also fails
// the run when the server logged one (tests/e2e/global-teardown.ts).

const MEMBER = 'member@beirat.example';
const BOARD = `/b/${MAIN_BOARD}`;
/** Seeded meeting (supabase/seed.sql) whose agenda the office edits. */
const MEETING = `${BOARD}/meetings/00000000-0000-4000-8000-0000000000c1`;
const UNKNOWN_ID = '3f2b8c1e-9d4a-4b6e-8f00-5a1c2d3e4f50';

const contexts: APIRequestContext[] = [];

/** A signed-in client (own cookies, the app's Origin for form posts, no redirects followed) that asks for pages, so form actions answer with their real status. */
async function as(email: string): Promise<APIRequestContext> {
	const baseURL = test.info().project.use.baseURL!;
	const context = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	contexts.push(context);
	const response = await context.post('/login?/password', { form: { email, password: DEMO_PASSWORD } });
	expect(response.status(), `sign-in of ${email}`).toBe(303);
	return context;
}

test.afterAll(async () => {
	await Promise.all(contexts.map((context) => context.dispose()));
});

/** The response refuses with `status`, says `message` (when given) and shows no trace of the code. */
async function expectRefusal(response: APIResponse, status: number, message?: string) {
	const body = await response.text();
	expect(response.status(), `${response.url()}: ${body.slice(0, 300)}`).toBe(status);
	expect(body).not.toMatch(/\n\s+at \S|node_modules|\.ts:\d+/);
	if (message) expect(body).toContain(message);
}

test('redirects after sign-in only within the app, whatever the address hides', async () => {
	const member = await as(MEMBER);
	for (const target of ['/%09/evil.example/phish', '/%0A/evil.example', '/%5C/evil.example', '//evil.example']) {
		const response = await member.get(`/login?redirectTo=${target}`);
		expect(response.status(), target).toBe(303);
		expect(response.headers()['location'], target).toBe('/');
	}
	const baseURL = test.info().project.use.baseURL!;
	const fresh = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	contexts.push(fresh);
	const signIn = await fresh.post('/login?/password', {
		form: { email: MEMBER, password: DEMO_PASSWORD, redirectTo: '/\t/evil.example/phish' }
	});
	expect(signIn.headers()['location']).toBe('/');
	const local = await member.get(`/login?redirectTo=${encodeURIComponent(`${BOARD}/papers?tag=a b`)}`);
	expect(local.headers()['location']).toBe(`${BOARD}/papers?tag=a%20b`);
});

test('malformed ids, NUL bytes and impossible dates in addresses are 400/404, not 500', async () => {
	const member = await as(MEMBER);
	await expectRefusal(await member.get(`${BOARD}/files/abc`), 404, 'Diese Seite gibt es nicht');
	await expectRefusal(await member.get(`${BOARD}/files/abc/download`), 404, 'Diese Seite gibt es nicht');
	// A page's data request answers 200 with the error inside, as SvelteKit does for every refusal.
	const data = await member.get(`${BOARD}/files/abc/__data.json`);
	expect(await data.json()).toMatchObject({
		type: 'data',
		nodes: expect.arrayContaining([expect.objectContaining({ type: 'error', status: 404 })])
	});
	await expectRefusal(await member.get(`${BOARD}/search?q=a%00b`), 400, 'Zeichen, die nicht gespeichert werden können');
	await expectRefusal(
		await member.get(`${BOARD}/decisions?q=a%00b`),
		400,
		'Zeichen, die nicht gespeichert werden können'
	);
	await expectRefusal(await member.get(`/b/wirtschaft%00-hamm-2030/papers`), 404, 'Diese Seite gibt es nicht');
	await expectRefusal(await member.get(`/b/${MAIN_BOARD}%00/meetings`), 404);

	const office = await as(OFFICE);
	// The audit filter drops a day that does not exist, as it drops any invalid filter, and shows the log.
	const audit = await office.get(`${BOARD}/audit?from=9999-99-99&to=2026-02-31`);
	expect(audit.status()).toBe(200);
	expect(await audit.text()).not.toMatch(/\n\s+at \S/);
});

test('forms with an impossible date, an unknown id or the reserved action name are refused with a message', async () => {
	const office = await as(OFFICE);
	const task = await office.post(`${BOARD}/tasks?/create`, {
		form: { title: 'Bericht', owner: 'office', dueDate: '2026-02-31', formToken: randomUUID() }
	});
	await expectRefusal(task, 400, 'Diese Eingabe ist ungültig.');

	const presenter = await office.post(`${MEETING}/agenda?/add`, {
		form: {
			title: 'Vortrag',
			kind: 'information',
			plannedMinutes: '5',
			presenterUserId: UNKNOWN_ID,
			formToken: randomUUID()
		}
	});
	await expectRefusal(presenter, 400, 'Etwas, worauf sich die Eingabe bezieht, gibt es nicht (mehr).');

	const decision = await office.post(`${BOARD}/decisions?/record`, {
		form: {
			title: 'Beschluss',
			resolution: 'Text',
			kind: 'resolution',
			status: 'adopted',
			outcome: 'consensus',
			meetingId: UNKNOWN_ID,
			formToken: randomUUID()
		}
	});
	await expectRefusal(decision, 400);
	// Refused by the foreign key (unknown reference) or by decision_record() itself (invalid value).
	expect(await decision.text()).toMatch(
		/Etwas, worauf sich die Eingabe bezieht, gibt es nicht \(mehr\)|Eine Angabe ist ungültig/
	);

	for (const page of [`${BOARD}/tasks`, `${BOARD}/files`, `${MEETING}/agenda`, '/profile']) {
		await expectRefusal(await office.post(`${page}?/default`, { form: { title: 'x' } }), 404);
	}
});

test('a platform admin without a role in the board gets a clear refusal on member-only pages', async () => {
	const admin = await as(ADMIN);
	for (const area of ['papers', 'files', 'tasks']) {
		await expectRefusal(await admin.get(`${BOARD}/${area}`), 403, 'Dafür fehlt Ihnen die Berechtigung.');
	}
});

test('uploads say what was wrong: too large names the limit, a long name is too long', async () => {
	const office = await as(OFFICE);
	const huge = { name: 'Riesig.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(40 * 1024 * 1024, 0x20) };
	const viaScript = await office.post(`/api/b/${MAIN_BOARD}/files`, {
		headers: { accept: 'application/json' },
		multipart: { file: huge }
	});
	expect(viaScript.status()).toBe(413);
	expect((await viaScript.json()).message).toBe(
		'Das ist zu groß zum Hochladen: Eine Datei darf höchstens 25 MB haben. Mehrere große Dateien bitte einzeln hochladen.'
	);
	await expectRefusal(
		await office.post(`${BOARD}/files?/upload`, { multipart: { file: huge } }),
		413,
		'höchstens 25 MB'
	);

	const pdf = Buffer.from(await pdfBytes('Langer Name'));
	const longName = { name: `${'Sehr langer Dateiname '.repeat(14)}.pdf`, mimeType: 'application/pdf', buffer: pdf };
	expect(longName.name.length).toBeGreaterThan(255);
	const named = await office.post(`/api/b/${MAIN_BOARD}/files`, {
		headers: { accept: 'application/json' },
		multipart: { file: longName }
	});
	expect(named.status()).toBe(400);
	expect((await named.json()).message).toBe(
		'Der Dateiname ist zu lang (höchstens 255 Zeichen). Bitte die Datei umbenennen.'
	);
	await expectRefusal(
		await office.post(`${BOARD}/files?/upload`, { multipart: { file: longName } }),
		400,
		'Der Dateiname ist zu lang'
	);
	await expectRefusal(
		await office.post(`/api/b/${MAIN_BOARD}/files`, {
			headers: { accept: 'application/json' },
			multipart: { file: { ...longName, name: 'ok.pdf' }, fileId: 'abc' }
		}),
		404
	);
});

test('a broken multipart body is refused with 400 and a sentence, in every kind of form action', async () => {
	const office = await as(OFFICE);
	const broken = {
		headers: { 'content-type': 'multipart/form-data; boundary=----beirat' },
		data: '------beirat\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterbrochen'
	};
	// A form of the action helpers, a hand-read one, one read twice (clone) and one outside the boards.
	for (const target of [
		`${BOARD}/meetings?/create`,
		`${BOARD}/polls?/create`,
		`${MEETING}/minutes?/review`,
		'/profile?/notifications'
	])
		await expectRefusal(
			await office.post(target, broken),
			400,
			'Das Formular ist unvollständig oder beschädigt angekommen.'
		);
});
