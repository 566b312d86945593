import { describe, expect, it } from 'vitest';
import { NO_ROUTE, reroute } from './hooks';

const routeOf = (address: string) => reroute({ url: new URL(address, 'http://app.test'), fetch });

describe('reroute', () => {
	it('routes the reserved action name nowhere', () => {
		expect(routeOf('/b/x/tasks?/default')).toBe(NO_ROUTE);
		expect(routeOf('/b/x/tasks?tab=1&/default')).toBe(NO_ROUTE);
	});

	it('leaves every other address alone', () => {
		for (const address of [
			'/b/x/tasks',
			'/b/x/tasks?/create',
			'/b/x/tasks?/create&/default',
			'/b/x/search?q=/default',
			'/locale'
		]) {
			expect(routeOf(address)).toBeUndefined();
		}
	});
});
