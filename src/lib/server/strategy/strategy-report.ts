import type { JSONContent } from '@tiptap/core';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { formatDay, formatFigure, progressParts, targetShare } from '$lib/strategy/strategy-format';
import { MEASURE_STATUSES, type StrategyField, type StrategyIndicator } from '$lib/types/strategy.types';

// The progress report of the strategy map (#16) as one document (TipTap JSON), rendered to PDF and DOCX
// by the export module's writers: both files hold the same text, built from the same map the pages show.

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: value ? [text(value)] : [] });
const heading = (level: number, value: string): JSONContent => ({
	type: 'heading',
	attrs: { level },
	content: [text(value)]
});
const cell = (type: 'tableHeader' | 'tableCell', value: string): JSONContent => ({ type, content: [paragraph(value)] });
const row = (type: 'tableHeader' | 'tableCell', values: string[]): JSONContent => ({
	type: 'tableRow',
	content: values.map((v) => cell(type, v))
});
const table = (header: string[], rows: string[][]): JSONContent => ({
	type: 'table',
	content: [row('tableHeader', header), ...rows.map((r) => row('tableCell', r))]
});

export interface ReportInput {
	/** The report's title (the board's name, or the field's). */
	title: string;
	fields: StrategyField[];
	locale: Locale;
	/** When the report was made (shown under the title). */
	madeOn: string;
}

function indicatorRow(i: StrategyIndicator, locale: Locale): string[] {
	const share = targetShare(i.baseline, i.target, i.latest);
	return [
		i.name,
		`${formatFigure(i.baseline, i.unit, locale)} (${formatDay(i.baselineOn, locale)})`,
		i.latest ? `${formatFigure(i.latest.value, i.unit, locale)} (${formatDay(i.latest.observedOn, locale)})` : '–',
		`${formatFigure(i.target, i.unit, locale)} (${formatDay(i.targetOn, locale)})`,
		share === null ? '–' : `${share} %`
	];
}

function fieldBlocks(field: StrategyField, locale: Locale): JSONContent[] {
	const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	const counts = MEASURE_STATUSES.map((s) => `${tr(`strategy.status.${s}`)}: ${field.statusCounts[s]}`).join(', ');
	const blocks: JSONContent[] = [
		heading(2, field.title),
		paragraph(field.description),
		paragraph(tr('strategy.progress.text', progressParts(field.progress, locale))),
		paragraph(`${tr('strategy.report.measures')}: ${counts}`)
	];
	for (const goal of field.goals) {
		blocks.push(heading(3, goal.title), paragraph(tr('strategy.progress.text', progressParts(goal.progress, locale))));
		if (goal.measures.length)
			blocks.push(
				table(
					[
						tr('strategy.measure.title'),
						tr('strategy.measure.status'),
						tr('strategy.measure.owner'),
						tr('strategy.progress.label')
					],
					goal.measures.map((m) => [
						m.title,
						tr(`strategy.status.${m.status}`),
						m.ownerKind === 'office' ? tr('strategy.owner.office') : m.ownerName,
						progressParts(m.progress, locale).percent
					])
				)
			);
		if (goal.indicators.length)
			blocks.push(
				table(
					[
						tr('strategy.indicator.name'),
						tr('strategy.indicator.baseline'),
						tr('strategy.indicator.latest'),
						tr('strategy.indicator.target'),
						tr('strategy.indicator.share')
					],
					goal.indicators.map((i) => indicatorRow(i, locale))
				)
			);
	}
	return blocks;
}

/** The report document. */
export function strategyReport(input: ReportInput): JSONContent {
	const { locale } = input;
	const content: JSONContent[] = [
		paragraph(translate(locale, 'strategy.report.madeOn', { date: formatDay(input.madeOn, locale) }))
	];
	if (input.fields.length === 0) content.push(paragraph(translate(locale, 'strategy.empty')));
	for (const field of input.fields) content.push(...fieldBlocks(field, locale));
	return { type: 'doc', content };
}
