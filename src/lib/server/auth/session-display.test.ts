import { describe, expect, it } from 'vitest';
import { describeDevice, shortenAddress } from './session-display';

describe('describeDevice', () => {
	it.each([
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
			'Chrome',
			'Windows'
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
			'Edge',
			'Windows'
		],
		['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox', 'Linux'],
		[
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
			'Safari',
			'macOS'
		],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
			'Safari',
			'iOS'
		],
		[
			'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
			'Samsung Internet',
			'Android'
		],
		[
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
			'Chrome',
			'Linux'
		],
		[
			'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1',
			'Chrome',
			'iPadOS'
		]
	])('names %s', (ua, browser, system) => {
		expect(describeDevice(ua)).toEqual({ browser, system });
	});

	it('says nothing it does not recognise', () => {
		expect(describeDevice('curl/8.5.0')).toEqual({ browser: null, system: null });
		expect(describeDevice(null)).toEqual({ browser: null, system: null });
	});
});

describe('shortenAddress', () => {
	it('keeps the network of IPv4 and IPv6 addresses', () => {
		expect(shortenAddress('192.0.2.17')).toBe('192.0.2.x');
		expect(shortenAddress('::ffff:198.51.100.4')).toBe('198.51.100.x');
		expect(shortenAddress('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8::…');
		expect(shortenAddress('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::…');
		expect(shortenAddress('::1')).toBe('0:0::…');
		expect(shortenAddress('fe80::1%eth0')).toBe('fe80:0::…');
	});

	it('refuses what is not an address', () => {
		for (const bad of ['', null, '999.1.1.1', 'localhost', '1::2::3', '1:2:3:4:5:6:7:8:9', '<script>'])
			expect(shortenAddress(bad)).toBeNull();
	});
});
