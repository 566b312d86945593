// How a session is shown to its owner: a readable device from the user agent and a shortened address.
// Only the families people recognise are named; anything else is shown as an unknown browser or system.

const BROWSERS: readonly [RegExp, string][] = [
	[/\bEdg(?:e|A|iOS)?\//, 'Edge'],
	[/\b(?:OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(?:Firefox|FxiOS)\//, 'Firefox'],
	[/\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];

const SYSTEMS: readonly [RegExp, string][] = [
	[/\biPad\b/, 'iPadOS'],
	[/\b(?:iPhone|iPod)\b/, 'iOS'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

export interface Device {
	/** Browser family, null when not recognised. */
	browser: string | null;
	/** Operating system, null when not recognised. */
	system: string | null;
}

/** Browser and system named in a user agent string (null fields when not recognised). */
export function describeDevice(userAgent: string | null | undefined): Device {
	const ua = userAgent ?? '';
	return {
		browser: BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? null,
		system: SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null
	};
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * An address shortened so it names the network, not the connection: the first three parts of an IPv4
 * address (192.0.2.x), the first two groups of an IPv6 address (2001:db8::…). Null for anything else.
 */
export function shortenAddress(address: string | null | undefined): string | null {
	const ip = (address ?? '').trim().replace(/^::ffff:(?=\d+\.)/i, '');
	const v4 = IPV4.exec(ip);
	if (v4) return v4.slice(1, 5).every((part) => Number(part) <= 255) ? `${v4[1]}.${v4[2]}.${v4[3]}.x` : null;
	const groups = expandIpv6(ip.replace(/%.*$/, ''));
	if (!groups) return null;
	return `${groups[0]}:${groups[1]}::…`;
}

/** The eight groups of an IPv6 address (lower case, no leading zeros), or null when it is not one. */
function expandIpv6(ip: string): string[] | null {
	if (!/^[0-9a-f:]+$/i.test(ip) || !ip.includes(':')) return null;
	const halves = ip.split('::');
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(':') : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
	const groups = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...tail];
	if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return null;
	return groups.map((group) => parseInt(group, 16).toString(16));
}
