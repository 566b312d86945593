import { expect, MAIN_BOARD, signIn, test } from './support';
import { UPCOMING_MEETING } from './meetings-support';
import { type CreateForm, listed, withoutScript, withScript } from './double-submit-support';

// The record (#11): a member's agenda proposal sent twice — double click and two fast clicks with
// JavaScript; two clicks and two more POSTs of the same form without — reaches the office once.

const MEMBER = 'member@beirat.example';
const AGENDA = `/b/${MAIN_BOARD}/meetings/${UPCOMING_MEETING}/agenda`;

const proposal: CreateForm = {
	url: AGENDA,
	action: '?/propose',
	submit: 'Vorschlag einreichen',
	user: MEMBER,
	fill: async (form, title) => {
		await form.getByLabel('Titel').fill(title);
		await form.getByLabel('Beschreibung').fill(`Bitte aufnehmen: ${title}`);
	},
	fields: (title) => ({ title, description: `Bitte aufnehmen: ${title}`, kind: 'discussion' }),
	settled: (page, title) => expect(page.locator('.agenda-proposals').getByText(title, { exact: true })).toBeVisible(),
	// The member sees their own proposals on the agenda page.
	count: listed(() => AGENDA)
};

test('an agenda proposal sent twice reaches the office once', async ({ page, browser }) => {
	test.setTimeout(180_000);
	await signIn(page, MEMBER);
	await withScript(page, proposal, 'Doppelvorschlag');
	await withoutScript(browser, proposal, 'Doppelvorschlag');
});
