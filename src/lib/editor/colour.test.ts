import { describe, expect, it } from 'vitest';
import { colourFor, contrastRatio, isHexColour, labelTextFor, PERSON_PALETTE, relativeLuminance } from './colour';

/** CIE L*a*b* of a `#rrggbb` colour (D65), to measure how far apart two palette colours look. */
function lab(hex: string): [number, number, number] {
	const linear = (offset: number) => {
		const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
		return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
	};
	const [r, g, b] = [linear(1), linear(3), linear(5)];
	const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
	const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
	return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE(a: string, b: string): number {
	const [p, q] = [lab(a), lab(b)];
	return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const DEMO_IDS = [1, 2, 3, 4, 5, 6, 7].map((n) => `00000000-0000-4000-8000-00000000000${n}`);

describe('WCAG contrast', () => {
	it('matches the reference values', () => {
		expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
		expect(relativeLuminance('#000000')).toBe(0);
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 6);
		// WebAIM's checker: #777777 on white 4.48:1 (fails AA text), #767676 4.54:1 (passes).
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
		expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4, 1);
	});
});

describe('person palette', () => {
	it('has at least 8 hex colours the caret extension accepts', () => {
		expect(PERSON_PALETTE.length).toBeGreaterThanOrEqual(8);
		for (const colour of PERSON_PALETTE) expect(isHexColour(colour), colour).toBe(true);
		expect(isHexColour('hsl(31 70% 40%)')).toBe(false);
	});

	it('keeps every colour at least 3:1 against the white page', () => {
		for (const colour of PERSON_PALETTE) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
	});

	it('keeps the colours well apart (CIE76 distance of at least 25 between any two)', () => {
		for (const [i, a] of PERSON_PALETTE.entries()) {
			for (const b of PERSON_PALETTE.slice(i + 1)) expect(deltaE(a, b), `${a} vs ${b}`).toBeGreaterThanOrEqual(25);
		}
	});

	it('writes label text at least 4.5:1 on every colour', () => {
		for (const colour of PERSON_PALETTE)
			expect(contrastRatio(labelTextFor(colour), colour), colour).toBeGreaterThanOrEqual(4.5);
		expect(labelTextFor('#1565c0')).toBe('#ffffff');
		expect(labelTextFor('#e65100')).toBe('#000000');
	});
});

describe('colourFor', () => {
	it('is stable per person and taken from the palette', () => {
		for (const id of DEMO_IDS) {
			expect(colourFor(id)).toBe(colourFor(id));
			expect(PERSON_PALETTE).toContain(colourFor(id));
		}
	});

	it('gives the demo accounts seven different colours', () => {
		expect(new Set(DEMO_IDS.map(colourFor)).size).toBe(DEMO_IDS.length);
	});

	it('spreads random ids over the whole palette', () => {
		const counts = new Map<string, number>();
		for (let n = 0; n < 2000; n++) {
			const colour = colourFor(crypto.randomUUID());
			counts.set(colour, (counts.get(colour) ?? 0) + 1);
		}
		expect(counts.size).toBe(PERSON_PALETTE.length);
		for (const count of counts.values()) expect(count).toBeGreaterThan(2000 / PERSON_PALETTE.length / 2);
	});
});
