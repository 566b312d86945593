import { describe, expect, it } from 'vitest';
import { exportableHref } from './safe-link';

describe('exportableHref', () => {
	it('keeps web and mail links', () => {
		expect(exportableHref('https://hamm.de/wirtschaft')).toBe('https://hamm.de/wirtschaft');
		expect(exportableHref('http://example.org')).toBe('http://example.org/');
		expect(exportableHref('mailto:buero@hamm.de')).toBe('mailto:buero@hamm.de');
	});

	it('drops script, data, file and relative links, however the scheme is disguised', () => {
		for (const href of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			' javascript:alert(1)',
			'java\tscript:alert(1)',
			'java\nscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox(1)',
			'file:///etc/passwd',
			'/b/x/papers',
			'#anker',
			'',
			null,
			undefined,
			42
		]) {
			expect(exportableHref(href)).toBeNull();
		}
	});
});
