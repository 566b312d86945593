import type { Locator } from '@playwright/test';
import { expect, freshPage, MAIN_BOARD, test } from './support';

// The one DataTable: a sortable column sorts in the browser from the keyboard and says how (aria-sort and
// a spoken status); without JavaScript the table keeps the server's order and has no sort buttons.

const DECISIONS = `/b/${MAIN_BOARD}/decisions`;

/** Decision numbers ("2026/07") in the order the table shows them. */
async function numbers(table: Locator): Promise<string[]> {
	return (await table.locator('tbody th').allTextContents()).map((text) => text.trim());
}

function byNumber(a: string, b: string): number {
	const key = (number: string) => {
		const [year = 0, seq = 0] = number.split('/').map(Number);
		return year * 100_000 + seq;
	};
	return key(a) - key(b);
}

test('a sortable column sorts from the keyboard, and without JavaScript the server order stays', async ({
	browser
}) => {
	const { context, page } = await freshPage(browser, 'member@beirat.example');
	await page.goto(DECISIONS);
	const table = page.getByRole('table', { name: 'Beschlüsse' });
	const header = table.getByRole('columnheader', { name: 'Nr.', exact: true });
	const sort = header.getByRole('button', { name: 'Nr.', exact: true });
	await expect(sort).toBeVisible();
	const serverOrder = await numbers(table);
	const ascending = [...serverOrder].sort(byNumber);

	await sort.focus();
	await page.keyboard.press('Enter');
	await expect(header).toHaveAttribute('aria-sort', 'ascending');
	await expect(page.getByText('Nr.: aufsteigend sortiert')).toBeAttached();
	expect(await numbers(table)).toEqual(ascending);

	await page.keyboard.press('Space');
	await expect(header).toHaveAttribute('aria-sort', 'descending');
	await expect(page.getByText('Nr.: absteigend sortiert')).toBeAttached();
	expect(await numbers(table)).toEqual([...ascending].reverse());
	// Only the sorted column claims an order.
	await expect(table.locator('th[aria-sort]')).toHaveCount(1);

	const cookies = await context.cookies();
	await context.close();
	const plain = await browser.newContext({ javaScriptEnabled: false });
	await plain.addCookies(cookies);
	const noScript = await plain.newPage();
	await noScript.goto(DECISIONS);
	const staticTable = noScript.getByRole('table', { name: 'Beschlüsse' });
	await expect(staticTable.getByRole('columnheader', { name: 'Nr.', exact: true })).toBeVisible();
	await expect(staticTable.getByRole('button')).toHaveCount(0);
	expect(await numbers(staticTable)).toEqual(serverOrder);
	await plain.close();
});
