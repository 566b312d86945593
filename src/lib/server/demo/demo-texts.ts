import type { JSONContent } from '@tiptap/core';

// The demo board's texts (fictional, German as the board writes): the two strategy papers at two
// stages each (a named version in between), and what the minutes of the past meeting say per item.

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const heading = (level: number, value: string): JSONContent => ({
	type: 'heading',
	attrs: { level },
	content: [text(value)]
});
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] });
const bullets = (values: string[]): JSONContent => ({
	type: 'bulletList',
	content: values.map((value) => ({ type: 'listItem', content: [paragraph(value)] }))
});
const doc = (content: JSONContent[]): JSONContent => ({ type: 'doc', content });

const innovationHead = [
	heading(1, 'Wirtschaft.Hamm.2030: Innovation und Gründungen'),
	paragraph(
		'Hamm hat als Logistik- und Energiestandort eine solide Basis, aber zu wenige junge, wachstumsstarke Unternehmen. Das Handlungsfeld beschreibt, wie Stadt, Hochschule, Kammern und Wirtschaft bis 2030 mehr Gründungen ermöglichen und bestehende Betriebe bei Innovationen begleiten.'
	),
	heading(2, 'Ausgangslage'),
	paragraph(
		'Im Jahr 2025 wurden in Hamm rund 1.150 Gewerbe neu angemeldet, davon nur ein kleiner Teil technologie- oder wissensbasiert. Gründungsinteressierte finden Beratung an mehreren Stellen, aber keinen gemeinsamen Einstieg. Ausgründungen aus der Hochschule bleiben bisher selten in der Stadt.'
	)
];

/** First draft of the office, saved as a named version. */
export const innovationDraft = doc([
	...innovationHead,
	heading(2, 'Ziele bis 2030'),
	bullets([
		'Jährlich 50 begleitete Gründungen mit Wachstumsabsicht.',
		'Ein gemeinsamer Anlaufpunkt für alle Gründungsfragen in der Innenstadt.'
	])
]);

/** The current text after the working group's comments. */
export const innovationCurrent = doc([
	...innovationHead,
	heading(2, 'Ziele bis 2030'),
	bullets([
		'Jährlich 50 begleitete Gründungen mit Wachstumsabsicht, davon mindestens zehn aus der Hochschule.',
		'Ein gemeinsamer Anlaufpunkt für alle Gründungsfragen im Gründerzentrum am Bahnhof.',
		'Zwanzig Kooperationsprojekte zwischen Mittelstand und Hochschule pro Jahr.'
	]),
	heading(2, 'Maßnahmen'),
	paragraph(
		'Das Gründungsstipendium Hamm fördert ab 2027 jährlich bis zu zwölf Teams zwölf Monate lang mit 1.000 Euro monatlich. Ein Innovationsgutschein der Wirtschaftsförderung übernimmt die Hälfte der Kosten für erste Projekte kleiner Betriebe mit der Hochschule. Der Beirat prüft jährlich, ob die Ziele erreicht werden.'
	),
	heading(2, 'Finanzierung'),
	paragraph('Der Eigenanteil der Stadt beträgt rund 180.000 Euro pro Jahr; Landes- und EU-Mittel werden beantragt.')
]);

const skillsHead = [
	heading(1, 'Wirtschaft.Hamm.2030: Fachkräftesicherung'),
	paragraph(
		'Bis 2030 scheiden in Hamm rund 9.000 Beschäftigte altersbedingt aus dem Erwerbsleben aus. Logistik, Pflege, Handwerk und Industrie melden schon heute offene Stellen, die lange unbesetzt bleiben. Das Handlungsfeld bündelt, was Stadt, Jobcenter, Agentur für Arbeit, Kammern und Betriebe gemeinsam dagegen tun.'
	),
	heading(2, 'Handlungsansätze')
];

export const skillsDraft = doc([
	...skillsHead,
	bullets(['Ausbildungsoffensive mit den Berufskollegs.', 'Weiterbildung für Beschäftigte in kleinen Betrieben.'])
]);

export const skillsCurrent = doc([
	...skillsHead,
	bullets([
		'Ausbildungsoffensive mit den Berufskollegs: 150 zusätzliche Ausbildungsplätze bis 2028.',
		'Weiterbildung für Beschäftigte in kleinen Betrieben, gefördert über das Qualifizierungschancengesetz.',
		'Willkommensservice für internationale Fachkräfte im Bürgeramt.',
		'Gemeinsame Kampagne „Arbeiten in Hamm“ von Stadt und Kammern.'
	]),
	heading(2, 'Beitrag des Jobcenters'),
	paragraph(
		'Das Jobcenter begleitet Langzeitarbeitslose mit Berufserfahrung in Teilqualifizierungen und vermittelt gezielt in Betriebe, die sich an der Ausbildungsoffensive beteiligen.'
	)
]);

/** Notes and decision texts of the past meeting's minutes, by agenda item id. */
export const minutesNotes: Record<string, { notes?: string; decision?: string }> = {
	'00000000-0000-4000-8000-0000000a0101': {
		notes: 'Die Vorsitzende eröffnet die Sitzung um 16:00 Uhr und stellt die Beschlussfähigkeit fest.'
	},
	'00000000-0000-4000-8000-0000000a0102': {
		notes: 'Einwände gegen das Protokoll der 2. Sitzung werden nicht erhoben.',
		decision: 'Das Protokoll der 2. Sitzung wird ohne Änderungen genehmigt.'
	},
	'00000000-0000-4000-8000-0000000a0103': {
		notes:
			'Frau Wolter berichtet über den Stand der Wirtschaftsstrategie: Das Gründerzentrum hat seine Räume bezogen, die Fachkräftekampagne startet im Frühjahr.'
	},
	'00000000-0000-4000-8000-0000000a0104': {
		notes:
			'Frau Schulte-Holtkamp stellt den Fachkräftemonitor vor. Der Beirat bittet die AG Fachkräfte, bis zur nächsten Sitzung konkrete Ziele für die Ausbildungsoffensive vorzulegen.'
	},
	'00000000-0000-4000-8000-0000000a0106': {
		notes:
			'Herr Albers erläutert den Vorschlag der Unternehmen; Frau Dr. Demir sagt die Beteiligung der Hochschule zu.',
		decision:
			'Der Beirat beschließt die Eckpunkte der Ausbildungsoffensive Hamm: 150 zusätzliche Ausbildungsplätze bis 2028, gemeinsame Ausbildungsmessen der Berufskollegs und eine Lotsenstelle bei der Wirtschaftsförderung.'
	},
	'00000000-0000-4000-8000-0000000a0105': {
		notes: 'Keine weiteren Wortmeldungen. Die Vorsitzende schließt die Sitzung um 17:50 Uhr.'
	}
};
