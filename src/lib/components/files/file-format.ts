import { numberFormat } from '$lib/intl';

/** File sizes as people read them (KB/MB with one decimal), in the page's locale. */
export function formatSize(bytes: number, locale: string): string {
	const format = (value: number, unit: string) =>
		`${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
	if (bytes < 1024) return format(bytes, 'B');
	if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
	return format(bytes / 1024 / 1024, 'MB');
}

export const maxMb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
