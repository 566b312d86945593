import type { IndicatorValue } from '$lib/types/strategy.types';

// Geometry of an indicator chart (#16): values over time against the target, in SVG user units. Kept apart
// from the component so it can be tested; the chart is only one of three forms of the figures (table, text).

export interface ChartInput {
	values: readonly IndicatorValue[];
	target: number | null;
	targetOn: string | null;
	baseline: number | null;
	width: number;
	height: number;
}

export interface ChartGeometry {
	/** The line through the values ("x,y x,y …"). */
	line: string;
	points: { x: number; y: number; label: string }[];
	/** The target as a point at its date (or at the right edge), if there is one. */
	target: { x: number; y: number } | null;
	/** Horizontal grid lines with their values. */
	ticks: { y: number; value: number }[];
	/** Year labels along the bottom. */
	years: { x: number; year: string }[];
	pad: { left: number; right: number; top: number; bottom: number };
}

const DAY = 86_400_000;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** About five round steps between min and max. */
export function niceTicks(min: number, max: number): number[] {
	if (min === max) return [min];
	const raw = (max - min) / 4;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? raw;
	const ticks: number[] = [];
	for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
	return ticks;
}

export function chartGeometry(input: ChartInput): ChartGeometry {
	const pad = { left: 64, right: 16, top: 12, bottom: 28 };
	const { width, height } = input;
	const days = input.values.map((v) => time(v.observedOn));
	if (input.targetOn) days.push(time(input.targetOn));
	const numbers = input.values.map((v) => v.value);
	for (const n of [input.target, input.baseline]) if (n !== null) numbers.push(n);
	if (numbers.length === 0) return { line: '', points: [], target: null, ticks: [], years: [], pad };
	const ticks = niceTicks(Math.min(...numbers), Math.max(...numbers));
	const low = Math.min(ticks[0]!, ...numbers);
	const high = Math.max(ticks.at(-1)!, ...numbers);
	const start = days.length ? Math.min(...days) : 0;
	const end = days.length ? Math.max(...days) : 0;
	const span = Math.max(end - start, DAY);
	const x = (t: number) => pad.left + ((t - start) / span) * (width - pad.left - pad.right);
	const y = (v: number) =>
		high === low ? height / 2 : pad.top + (1 - (v - low) / (high - low)) * (height - pad.top - pad.bottom);
	const round = (n: number) => Math.round(n * 10) / 10;
	const points = input.values.map((v) => ({
		x: round(x(time(v.observedOn))),
		y: round(y(v.value)),
		label: v.observedOn
	}));
	const years: ChartGeometry['years'] = [];
	for (let yr = new Date(start).getUTCFullYear(); yr <= new Date(end).getUTCFullYear(); yr += 1) {
		const at = Date.UTC(yr, 0, 1);
		if (at >= start && at <= end) years.push({ x: round(x(at)), year: String(yr) });
	}
	return {
		line: points.map((p) => `${p.x},${p.y}`).join(' '),
		points,
		target:
			input.target === null
				? null
				: { x: round(input.targetOn ? x(time(input.targetOn)) : width - pad.right), y: round(y(input.target)) },
		ticks: ticks.map((value) => ({ value, y: round(y(value)) })),
		years,
		pad
	};
}
