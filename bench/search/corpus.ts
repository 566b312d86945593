// Realistic German board text from word lists, deterministic (seeded): the same corpus every run.

const SUBJECTS = [
	'Die Wirtschaftsförderung',
	'Der Beirat',
	'Die Stadt Hamm',
	'Die Industrie- und Handelskammer',
	'Die Handwerkskammer',
	'Das Jobcenter',
	'Die Hochschule Hamm-Lippstadt',
	'Der Einzelhandel',
	'Die Logistikbranche',
	'Das Gründerzentrum',
	'Die Geschäftsstelle',
	'Der Arbeitskreis Innenstadt',
	'Die Agentur für Arbeit',
	'Der Mittelstand',
	'Die Kreishandwerkerschaft'
];
const VERBS = [
	'empfiehlt',
	'unterstützt',
	'prüft',
	'fördert',
	'beschließt',
	'begleitet',
	'bewertet',
	'plant',
	'stärkt',
	'koordiniert',
	'beantragt',
	'evaluiert',
	'verbessert',
	'beobachtet',
	'entwickelt'
];
const OBJECTS = [
	'die Gründung neuer Unternehmen',
	'Gründungen im Handwerk',
	'die Sicherung von Fachkräften',
	'neue Fachkräfte aus dem Ausland',
	'die Belebung der Innenstadt',
	'Leerstände in der Innenstadt',
	'den Ausbau der Logistik',
	'Logistikflächen am Datteln-Hamm-Kanal',
	'die Digitalisierung des Mittelstands',
	'den Breitbandausbau in Gewerbegebieten',
	'die Ansiedlung von Betrieben',
	'Ausbildungsplätze für Jugendliche',
	'die Vermarktung von Gewerbeflächen',
	'Förderprogramme des Landes',
	'die Zusammenarbeit mit der Hochschule',
	'Qualifizierung von Langzeitarbeitslosen',
	'den Strukturwandel nach der Kohle',
	'die Energieversorgung der Betriebe',
	'Kooperationen zwischen Unternehmen',
	'den Wochenmarkt und die Gastronomie'
];
const ENDINGS = [
	'bis zum Jahr 2030',
	'im kommenden Haushaltsjahr',
	'gemeinsam mit den Kammern',
	'im Rahmen der Strategie Wirtschaft.Hamm.2030',
	'mit Mitteln des Landes',
	'nach Beratung im Beirat',
	'in enger Abstimmung mit der Verwaltung',
	'auf Grundlage der Bestandsaufnahme',
	'mit messbaren Zielen',
	'unter Beteiligung der Unternehmen'
];
const TOPICS = [
	'Wirtschaftsförderung',
	'Fachkräftesicherung',
	'Gründungen',
	'Innenstadt',
	'Logistik',
	'Digitalisierung',
	'Gewerbeflächen',
	'Ausbildung',
	'Strukturwandel',
	'Energie',
	'Tourismus',
	'Einzelhandel'
];
const KINDS = [
	'Strategiepapier',
	'Sachstandsbericht',
	'Beschlussvorlage',
	'Stellungnahme',
	'Konzept',
	'Protokollnotiz'
];
/** Rare words: each in about one document of a thousand. */
export const RARE_WORDS = ['Wasserstoffkorridor', 'Drohnenlogistik', 'Kreislaufwirtschaftspark'];

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function createCorpus(seed = 2030) {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const sentence = () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(ENDINGS)}.`;
	const rare = () => (random() < 0.001 ? ` Geprüft wird auch ein ${pick(RARE_WORDS)}.` : '');
	return {
		title: () => `${pick(KINDS)} ${pick(TOPICS)} ${1 + Math.floor(random() * 40)}`,
		/** `min`…`max` sentences, split into paragraphs of three to six. */
		text(min: number, max: number): string {
			const count = min + Math.floor(random() * (max - min + 1));
			const paragraphs: string[] = [];
			let current: string[] = [];
			for (let i = 0; i < count; i++) {
				current.push(sentence());
				if (current.length >= 3 + Math.floor(random() * 4)) {
					paragraphs.push(current.join(' '));
					current = [];
				}
			}
			if (current.length) paragraphs.push(current.join(' '));
			return paragraphs.join('\n') + rare();
		}
	};
}
