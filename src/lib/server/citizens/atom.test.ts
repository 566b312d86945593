import { describe, expect, it } from 'vitest';
import { buildAtom, xmlText } from './atom';

const feed = (entries: Parameters<typeof buildAtom>[0]['entries']) =>
	buildAtom({
		self: 'https://beirat.example/p/b/resolutions.atom',
		alternate: 'https://beirat.example/p/b/resolutions',
		title: 'Beschlüsse – B & C',
		author: 'B & C',
		lang: 'de',
		now: new Date('2026-12-01T10:00:00Z'),
		entries
	});

const entry = (n: number, at: string) => ({
	id: `https://beirat.example/p/b/resolutions/2026-0${n}`,
	link: `https://beirat.example/p/b/resolutions/2026-0${n}`,
	title: `2026/0${n}: <Titel> "${n}"`,
	published: new Date(at),
	updated: new Date(at),
	summary: `Text ${n} & mehr`
});

describe('Atom feed', () => {
	it('escapes markup and drops characters XML forbids', () => {
		expect(xmlText(`a<b>&"c"'d'\u0001\u000b`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
		expect(xmlText('Zeile\nzwei\tTab')).toBe('Zeile\nzwei\tTab');
	});

	it('is an Atom 1.0 document with id, title, updated, author and self link', () => {
		const xml = feed([entry(2, '2026-11-02T09:00:00Z'), entry(1, '2026-10-01T09:00:00Z')]);
		expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(
			true
		);
		expect(xml).toContain('<id>https://beirat.example/p/b/resolutions.atom</id>');
		expect(xml).toContain('<title type="text">Beschlüsse – B &amp; C</title>');
		expect(xml).toContain(
			'<link rel="self" type="application/atom+xml" href="https://beirat.example/p/b/resolutions.atom"/>'
		);
		expect(xml).toContain('<author><name>B &amp; C</name></author>');
		// The feed's time is its newest entry's.
		expect(xml).toContain('<updated>2026-11-02T09:00:00.000Z</updated>\n  <link rel="self"');
		expect(xml.indexOf('2026-02')).toBeLessThan(xml.indexOf('2026-01'));
		expect(xml).toContain('<title type="text">2026/02: &lt;Titel&gt; &quot;2&quot;</title>');
		expect(xml.match(/<entry>/g)).toHaveLength(2);
		expect(xml.trimEnd().endsWith('</feed>')).toBe(true);
	});

	it('takes the present moment as its time when it has no entries', () => {
		const xml = feed([]);
		expect(xml).toContain('<updated>2026-12-01T10:00:00.000Z</updated>');
		expect(xml).not.toContain('<entry>');
	});
});
