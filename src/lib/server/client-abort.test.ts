import { describe, expect, it } from 'vitest';
import { isClientAbort } from './client-abort';

const nodeAbort = () => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

describe('client aborts', () => {
	it('recognises the error Node raises when the browser cancels a post mid-body', () => {
		expect(isClientAbort(nodeAbort())).toBe(true);
	});

	it('recognises a request whose signal was aborted, whatever was thrown', () => {
		const controller = new AbortController();
		const request = new Request('http://beirat.test/', { signal: controller.signal });
		expect(isClientAbort(new Error('body used'), request)).toBe(false);
		controller.abort();
		expect(isClientAbort(new Error('body used'), request)).toBe(true);
	});

	it('does not hide real failures', () => {
		expect(isClientAbort(new Error('aborted'))).toBe(false);
		expect(isClientAbort(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(false);
		expect(isClientAbort(new TypeError('x is undefined'))).toBe(false);
		expect(isClientAbort('aborted')).toBe(false);
	});
});
