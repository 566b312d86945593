// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { focusAfterDecision } from './suggestion-focus';

function panel(items: string[][], bulk = true): { root: HTMLElement; heading: HTMLElement } {
	const root = document.createElement('section');
	const heading = document.createElement('h2');
	heading.tabIndex = -1;
	root.append(heading);
	if (bulk)
		for (const action of ['accept-all', 'reject-all']) {
			const button = document.createElement('button');
			button.dataset.action = action;
			root.append(button);
		}
	const list = document.createElement('ul');
	items.forEach((actions, i) => {
		const li = document.createElement('li');
		li.dataset.suggestionItem = '';
		for (const action of actions) {
			const button = document.createElement('button');
			button.dataset.action = action;
			button.textContent = `${action} ${i}`;
			li.append(button);
		}
		list.append(li);
	});
	root.append(list);
	return { root, heading };
}

describe('focusAfterDecision', () => {
	beforeEach(() => {
		document.body.innerHTML = '';
	});

	it('moves to the same button of the item that took the decided one’s place', () => {
		const { root, heading } = panel([
			['accept', 'reject'],
			['accept', 'reject']
		]);
		expect(focusAfterDecision(root, { action: 'reject', index: 1, heading })?.textContent).toBe('reject 1');
		expect(focusAfterDecision(root, { action: 'accept', index: 0, heading })?.textContent).toBe('accept 0');
	});

	it('moves to the last item when the decided one was the last', () => {
		const { root, heading } = panel([['accept', 'reject']]);
		expect(focusAfterDecision(root, { action: 'accept', index: 1, heading })?.textContent).toBe('accept 0');
	});

	it('takes any button of that item when it lacks the same one (another author’s suggestion to withdraw)', () => {
		const { root, heading } = panel([['withdraw']], false);
		expect(focusAfterDecision(root, { action: 'accept', index: 0, heading })?.textContent).toBe('withdraw 0');
	});

	it('keeps a bulk decision on its button while suggestions remain, else goes to the heading', () => {
		const { root, heading } = panel([]);
		expect(focusAfterDecision(root, { action: 'accept-all', index: 0, heading })?.dataset.action).toBe('accept-all');
		const empty = panel([], false);
		expect(focusAfterDecision(empty.root, { action: 'reject', index: 0, heading: empty.heading })).toBe(empty.heading);
	});

	it('takes an item without buttons as none (a reader’s list) and goes to the heading', () => {
		const { root, heading } = panel([[]], false);
		expect(focusAfterDecision(root, { action: 'withdraw', index: 0, heading })).toBe(heading);
	});
});
