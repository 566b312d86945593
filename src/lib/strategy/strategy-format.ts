import type { Locale } from '$lib/i18n';
import type { IndicatorValue, Progress } from '$lib/types/strategy.types';

// Figures of the strategy map written the same way on the pages and in the reports (#16), so both show
// exactly the same text for the same number.

const formats = new Map<Locale, Intl.NumberFormat>();

/** A number in the reader's language (84.512,5 / 84,512.5). */
export function formatNumber(value: number, locale: Locale): string {
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
		formats.set(locale, format);
	}
	return format.format(value);
}

/** A number with its unit ("6,4 %", "84.512 Personen"). */
export function formatFigure(value: number | null, unit: string, locale: Locale): string {
	return value === null ? '–' : `${formatNumber(value, locale)} ${unit}`.trim();
}

/** A calendar day `YYYY-MM-DD` as 31.12.2025 / 31/12/2025. */
export function formatDay(day: string | null, locale: Locale): string {
	if (!day) return '–';
	const [y, m, d] = day.split('-');
	return locale === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/** "3 von 5 (60 %)" without its words: the parts a message puts together. */
export function progressParts(progress: Progress, locale: Locale) {
	return {
		done: progress.done,
		total: progress.total,
		percent: progress.percent === null ? '–' : `${formatNumber(progress.percent, locale)} %`
	};
}

/** Share of the way from baseline to target the latest value has come (0–100, may exceed), or null. */
export function targetShare(
	baseline: number | null,
	target: number | null,
	latest: IndicatorValue | null
): number | null {
	if (baseline === null || target === null || latest === null || target === baseline) return null;
	return Math.round(((latest.value - baseline) / (target - baseline)) * 100);
}
