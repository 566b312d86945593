import { afterEach, describe, expect, it, vi } from 'vitest';

// The browser's start: no messages (./catalogs.browser.ts); each area arrives through its own dynamic import.
vi.mock('#i18n/catalogs', () => ({ preloaded: {} }));

const { loadAreas, missingArea, translate } = await import('./index');
const { areasArrived, ensureArea } = await import('./loading.svelte');

afterEach(() => {
	vi.restoreAllMocks();
});

describe('messages in the browser', () => {
	it('loads only the areas asked for, in the language asked for', async () => {
		expect(translate('de', 'shell.skipToContent')).toBe('shell.skipToContent');
		await loadAreas('de', ['app']);
		expect(translate('de', 'shell.skipToContent')).toBe('Zum Inhalt springen');
		// The board's area menu is in the shell although its keys are named after their areas.
		expect(translate('de', 'votes.nav')).not.toBe('votes.nav');
		expect(missingArea('de', 'votes.title')).toBe('votes');
		expect(missingArea('en', 'shell.skipToContent')).toBe('app');
		expect(translate('de', 'dashboard.greeting', { name: 'A' })).toBe('dashboard.greeting');
	});

	it('loads an area a page had not declared on first use, once, warns, and tells readers when it is there', async () => {
		const warn = vi.fn();
		const before = areasArrived();
		expect(ensureArea('en', 'dashboard.greeting', warn)).toBe(false);
		expect(ensureArea('en', 'dashboard.title', warn)).toBe(false);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0]![0]).toContain('"dashboard"');
		await vi.waitFor(() => expect(areasArrived()).toBe(before + 1));
		expect(ensureArea('en', 'dashboard.greeting', warn)).toBe(true);
		expect(translate('en', 'dashboard.greeting', { name: 'Ms Wolter' })).toBe('Hello, Ms Wolter');
		// Only English arrived.
		expect(missingArea('de', 'dashboard.greeting')).toBe('dashboard');
		expect(warn).toHaveBeenCalledTimes(1);
	});

	it('leaves a key of no area alone', () => {
		const warn = vi.fn();
		expect(ensureArea('de', 'nosuch.key', warn)).toBe(true);
		expect(warn).not.toHaveBeenCalled();
	});
});
