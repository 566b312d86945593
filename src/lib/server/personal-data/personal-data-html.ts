import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { dateTimeFormat } from '$lib/intl';
import type { PersonalDataExport } from './personal-data.service';

// The readable form of the export: one self-contained, printable HTML document (no scripts, no
// external resources), every value escaped. The JSON download stays the complete, machine-readable one.

type Row = Record<string, unknown>;

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function formatDate(value: Date, locale: Locale): string {
	return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(value);
}

function formatValue(value: unknown, locale: Locale): string {
	if (value === null || value === undefined || value === '') return '–';
	if (value instanceof Date) return formatDate(value, locale);
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDate(new Date(value), locale);
	if (typeof value === 'boolean') return translate(locale, value ? 'personalData.doc.yes' : 'personalData.doc.no');
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

const label = (locale: Locale, key: string) => {
	const messageKey = `personalData.field.${key}` as MessageKey;
	const text = translate(locale, messageKey);
	return text === messageKey ? key : text;
};

function table(rows: Row[], locale: Locale): string {
	if (rows.length === 0) return `<p class="none">${escapeHtml(translate(locale, 'personalData.doc.none'))}</p>`;
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const head = columns.map((c) => `<th scope="col">${escapeHtml(label(locale, c))}</th>`).join('');
	const body = rows
		.map((row) => `<tr>${columns.map((c) => `<td>${escapeHtml(formatValue(row[c], locale))}</td>`).join('')}</tr>`)
		.join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function definitions(row: Row, locale: Locale): string {
	const items = Object.entries(row)
		.map(
			([key, value]) => `<dt>${escapeHtml(label(locale, key))}</dt><dd>${escapeHtml(formatValue(value, locale))}</dd>`
		)
		.join('\n');
	return `<dl>${items}</dl>`;
}

function sections(data: PersonalDataExport): [MessageKey, Row[] | undefined][] {
	return [
		['personalData.section.memberships', data.memberships],
		['personalData.section.invitations', data.invitations],
		['personalData.section.rsvps', data.meetings.rsvps],
		['personalData.section.attendance', data.meetings.attendance],
		['personalData.section.pollAnswers', data.polls.answers],
		['personalData.section.proposals', data.agenda.proposals],
		['personalData.section.conflicts', data.agenda.conflictsOfInterest],
		['personalData.section.comments', data.comments.written],
		['personalData.section.mentions', data.comments.mentions],
		['personalData.section.papersCreated', data.papers.created],
		['personalData.section.paperAccess', data.papers.accessGrants],
		['personalData.section.collabEdits', data.papers.collaborativeEdits],
		['personalData.section.tasks', data.tasks],
		['personalData.section.votes', data.votes],
		['personalData.section.notifications', data.notifications],
		['personalData.section.notificationPreferences', data.notificationPreferences],
		['personalData.section.files', data.files],
		['personalData.section.strategyComments', data.strategy?.comments],
		['personalData.section.strategyMeasures', data.strategy?.measuresOwned],
		['personalData.section.papersRead', data.reading?.papersRead],
		['personalData.section.boardBookDownloads', data.reading?.boardBookDownloads],
		['personalData.section.meetingCheckIns', data.liveMeetings?.checkIns],
		['personalData.section.speakerRequests', data.liveMeetings?.speakerRequests],
		['personalData.section.consultationRounds', data.consultation?.rounds],
		['personalData.section.suggestionDecisions', data.consultation?.suggestionDecisions],
		['personalData.section.signInIdentities', data.signInIdentities],
		['personalData.section.auditEvents', data.auditEvents],
		['personalData.section.mails', data.mails]
	];
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:70rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.none,.muted{color:#555}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}.muted{display:none}}`;

/** The whole document as a string, in the reader's language. */
export function renderPersonalDataHtml(data: PersonalDataExport, locale: Locale): string {
	const t = (key: MessageKey, params: Record<string, string> = {}) => escapeHtml(translate(locale, key, params));
	const name = String(data.account.displayName ?? '');
	const calendar = data.calendarFeed.exists
		? t('personalData.calendar.exists', { date: formatValue(data.calendarFeed.createdAt, locale) })
		: t('personalData.calendar.none');
	const parts = sections(data)
		.filter(([, rows]) => rows !== undefined)
		.map(
			([key, rows], i) =>
				`<section aria-labelledby="s${i}"><h2 id="s${i}">${t(key)}</h2>\n${table(rows!, locale)}</section>`
		);
	return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('personalData.doc.title')}</title><style>${STYLE}</style></head>
<body><main>
<h1>${t('personalData.doc.title')}</h1>
<p>${t('personalData.doc.generated', { date: formatValue(data.generatedAt, locale), name })}</p>
<p>${t('personalData.doc.intro')}</p>
<p class="muted">${t('personalData.doc.print')}</p>
<section aria-labelledby="s-account"><h2 id="s-account">${t('personalData.section.account')}</h2>
${definitions(data.account, locale)}</section>
<section aria-labelledby="s-calendar"><h2 id="s-calendar">${t('personalData.section.calendar')}</h2><p>${calendar}</p></section>
${parts.join('\n')}
</main></body></html>
`;
}
