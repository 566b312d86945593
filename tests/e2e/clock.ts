import { test, type BrowserContext } from '@playwright/test';

/**
 * A project whose server runs with a shifted clock (playwright.config.ts, tests/support/clock-shift.mjs)
 * names the instant in its metadata: `clockStart` is what that clock read at the real moment `clockAnchor`.
 */
interface ClockMetadata {
	clockStart?: string;
	clockAnchor?: number;
}

function shift(): number {
	const { clockStart, clockAnchor } = (test.info().project.metadata ?? {}) as ClockMetadata;
	if (!clockStart) return 0;
	if (clockAnchor === undefined || Number.isNaN(Date.parse(clockStart)))
		throw new Error(`project clock needs an ISO clockStart and a clockAnchor, got ${clockStart} / ${clockAnchor}`);
	return Date.parse(clockStart) - clockAnchor;
}

/** Now, as the server under test sees it (epoch milliseconds): use it for every date a test derives. */
export function testNow(): number {
	return Date.now() + shift();
}

/** Gives a new browser context the server's clock, running on from there (before any page opens). */
export async function matchServerClock(context: BrowserContext): Promise<void> {
	const offset = shift();
	if (offset !== 0) await context.clock.install({ time: Date.now() + offset });
}
