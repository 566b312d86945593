import type { JSONContent } from '@tiptap/core';
import { translate, type Locale } from '$lib/i18n';
import { formatDateTime } from '$lib/format';
import { toDocx } from '../export/docx';
import { toPdf } from '../export/pdf';
import { contentDisposition, safeFileName } from '../export/file-name';
import type { RoundParticipant, RoundRow, RoundSection } from './round.types';

const CONTENT_TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

const text = (value: string): JSONContent[] => (value ? [{ type: 'text', text: value }] : []);
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: text(value) });
const heading = (level: number, value: string): JSONContent => ({
	type: 'heading',
	attrs: { level },
	content: text(value)
});
const bullets = (items: string[]): JSONContent => ({
	type: 'bulletList',
	content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] }))
});

/** The summary document: question, period, who was asked, the summary, then every entry by section. */
export function summaryContent(input: {
	round: RoundRow;
	participants: RoundParticipant[];
	sections: RoundSection[];
	locale: Locale;
}): JSONContent {
	const { round, locale } = input;
	const t = (key: Parameters<typeof translate>[1], params = {}) => translate(locale, key, params);
	const content: JSONContent[] = [
		paragraph(`${t('rounds.question')}: ${round.question}`),
		paragraph(
			t('rounds.summary.period', {
				from: formatDateTime(round.createdAt, locale),
				to: formatDateTime(round.closedAt ?? round.endsAt, locale)
			})
		),
		heading(2, t('rounds.summary.title')),
		...(round.summary ?? '').split(/\n{2,}/).map((part) => paragraph(part.trim())),
		heading(2, t('rounds.participants')),
		bullets(
			input.participants.map(
				(p) =>
					`${p.displayName} (${t(`rounds.kind.${p.kind}`)}): ${t('rounds.tookPart', { comments: p.comments, suggestions: p.suggestions })}`
			)
		),
		heading(2, t('rounds.entries'))
	];
	for (const section of input.sections) {
		content.push(heading(3, section.title ?? t('rounds.beforeFirstHeading')));
		content.push(
			bullets(
				section.entries.map((e) => {
					const kind =
						e.kind === 'comment'
							? t('rounds.entryKind.comment')
							: `${t('rounds.entryKind.suggestion')} (${t(`rounds.change.${e.change ?? 'insert'}`)})`;
					return `${kind}, ${e.authorName}, ${t(`rounds.itemState.${e.state}`)}: ${e.text}`;
				})
			)
		);
	}
	return {
		type: 'doc',
		content: content.filter((node) => node.type !== 'bulletList' || (node.content ?? []).length > 0)
	};
}

/** The summary as a file to download or attach. */
export async function summaryDocument(input: {
	page: { round: RoundRow; participants: RoundParticipant[]; sections: RoundSection[] };
	format: 'pdf' | 'docx';
	locale: Locale;
}) {
	const title = translate(input.locale, 'rounds.summary.heading', { paper: input.page.round.paperTitle });
	const doc = summaryContent({ ...input.page, locale: input.locale });
	const body = input.format === 'pdf' ? await toPdf({ title, doc }) : await toDocx({ title, doc });
	return {
		body: new Uint8Array(body),
		contentType: CONTENT_TYPES[input.format],
		disposition: contentDisposition(title, input.format),
		fileName: safeFileName(title, input.format)
	};
}
