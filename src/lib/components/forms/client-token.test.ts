import { describe, expect, it } from 'vitest';
import { isUuid } from '$lib/server/common.schema';
import { clientFormToken } from './client-token';

describe('clientFormToken', () => {
	it('makes a new UUID each time', () => {
		const tokens = new Set(Array.from({ length: 50 }, () => clientFormToken()));
		expect(tokens.size).toBe(50);
		for (const token of tokens) expect(isUuid(token)).toBe(true);
	});

	it('makes a version 4 UUID from random bytes where randomUUID is missing (no secure context)', () => {
		const token = clientFormToken({ getRandomValues: (array) => crypto.getRandomValues(array) });
		expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		const zeros = clientFormToken({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => array });
		expect(zeros).toBe('00000000-0000-4000-8000-000000000000');
	});
});
