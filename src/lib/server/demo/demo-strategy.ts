import type { Database } from '../db/types';
import { createStrategyService } from '../strategy/strategy.service';
import { createIndicatorService } from '../strategy/indicator.service';
import { linkDecision, linkTask } from '../strategy/strategy-links.repository';
import type { MeasureStatus } from '$lib/types/strategy.types';
import { actingAs, DEMO_BOARD, DEMO_PEOPLE } from './demo-people';

// The demo board's strategy map (#16): five fields of action of Wirtschaft.Hamm.2030 with goals, measures
// and indicators. All figures are fictional. Built through the services as the office would; measures are
// linked to the past meeting's decisions and the demo's action items; "Fachkräfte und Arbeitsmarkt" is published.

interface DemoMeasure {
	title: string;
	status: MeasureStatus;
	startsOn: string | null;
	endsOn: string | null;
	owner: 'office' | 'member' | 'member2' | 'advisor' | { organisation: string };
	budgetNote?: string;
	/** Links by title fragments: the decision that started it, action items that carry it out. */
	decision?: string;
	tasks?: string[];
}
interface DemoIndicator {
	name: string;
	unit: string;
	source: string;
	baseline: [string, number];
	target: [string, number];
	/** Yearly values, as a CSV the office would import. */
	values: [number, number][];
}
interface DemoField {
	title: string;
	description: string;
	isPublic?: boolean;
	goals: { title: string; measures: DemoMeasure[]; indicators: DemoIndicator[] }[];
}

const years = (from: number, values: number[]): [number, number][] => values.map((v, i) => [from + i, v]);

export const DEMO_STRATEGY: DemoField[] = [
	{
		title: 'Innovation und Gründungen',
		description: 'Gründungen aus Hochschule, Handwerk und Mittelstand anstoßen und begleiten.',
		goals: [
			{
				title: 'Mehr Gründungen aus Hochschule und Handwerk',
				measures: [
					{
						title: 'Gründungsstipendium Hamm',
						status: 'planned',
						startsOn: '2027-01-01',
						endsOn: '2029-12-31',
						owner: 'member2',
						budgetNote: '120.000 € aus dem Haushalt der Wirtschaftsförderung (vorbehaltlich)',
						tasks: ['Gründungsstipendium']
					},
					{
						title: 'Gründungsberatung im Technologiezentrum bündeln',
						status: 'running',
						startsOn: '2025-04-01',
						endsOn: null,
						owner: { organisation: 'Wirtschaftsförderung Hamm' }
					}
				],
				indicators: [
					{
						name: 'Gewerbeanmeldungen (Neugründungen)',
						unit: 'Anmeldungen',
						source: 'Gewerbeanzeigenstatistik (fiktive Zahlen)',
						baseline: ['2019-12-31', 1480],
						target: ['2030-12-31', 1700],
						values: years(2019, [1480, 1395, 1512, 1538, 1561, 1590, 1604])
					}
				]
			}
		]
	},
	{
		title: 'Fachkräfte und Arbeitsmarkt',
		description: 'Mit dem Jobcenter Hamm, den Kammern und den Betrieben Fachkräfte gewinnen, ausbilden und halten.',
		isPublic: true,
		goals: [
			{
				title: 'Mehr Ausbildungsplätze, weniger Langzeitarbeitslosigkeit',
				measures: [
					{
						title: 'Ausbildungsoffensive Hamm: 150 zusätzliche Ausbildungsplätze',
						status: 'running',
						startsOn: '2026-09-01',
						endsOn: '2028-08-31',
						owner: 'member',
						budgetNote: 'Personal der Kammern; Sachmittel 40.000 € jährlich',
						decision: 'Ausbildungsoffensive',
						tasks: ['Ausbildungsbetriebe']
					},
					{
						title: 'Coaching für Langzeitarbeitslose mit dem Jobcenter',
						status: 'running',
						startsOn: '2025-01-01',
						endsOn: '2027-12-31',
						owner: { organisation: 'Jobcenter Hamm' },
						budgetNote: 'Eingliederungsbudget des Jobcenters'
					}
				],
				indicators: [
					{
						name: 'Arbeitslosenquote',
						unit: '%',
						source: 'Bundesagentur für Arbeit, Jahresdurchschnitt (fiktive Zahlen)',
						baseline: ['2019-12-31', 8.1],
						target: ['2030-12-31', 6.5],
						values: years(2019, [8.1, 9, 8.6, 8.2, 8, 7.8, 7.6])
					},
					{
						name: 'Gemeldete Ausbildungsstellen',
						unit: 'Stellen',
						source: 'Bundesagentur für Arbeit, Berichtsjahr (fiktive Zahlen)',
						baseline: ['2020-12-31', 1150],
						target: ['2028-12-31', 1350],
						values: years(2020, [1150, 1122, 1168, 1190, 1214, 1236])
					}
				]
			}
		]
	},
	{
		title: 'Unternehmen und Ansiedlung',
		description: 'Bestandsunternehmen halten, Flächen entwickeln, Ansiedlungen gewinnen.',
		goals: [
			{
				title: 'Flächen für Ansiedlungen bereitstellen',
				measures: [
					{
						title: 'Gewerbegebiet Westpark: zweiter Bauabschnitt',
						status: 'running',
						startsOn: '2024-06-01',
						endsOn: '2027-06-30',
						owner: 'office',
						budgetNote: 'Förderantrag beim Land gestellt'
					},
					{
						title: 'Flächenbörse im Standortportal',
						status: 'done',
						startsOn: '2024-01-01',
						endsOn: '2025-03-31',
						owner: 'office'
					}
				],
				indicators: [
					{
						name: 'Sozialversicherungspflichtig Beschäftigte am Arbeitsort',
						unit: 'Personen',
						source: 'Beschäftigungsstatistik, Stichtag 30.6. (fiktive Zahlen)',
						baseline: ['2019-06-30', 62300],
						target: ['2030-06-30', 66000],
						values: years(2019, [62300, 61850, 62700, 63400, 63900, 64250, 64600])
					}
				]
			}
		]
	},
	{
		title: 'Stadt- und Standortmarketing',
		description: 'Hamm als Wirtschafts- und Lebensstandort sichtbar machen.',
		goals: [
			{
				title: 'Hamm als Wirtschaftsstandort bekannter machen',
				measures: [
					{
						title: 'Standortkampagne „Hamm macht’s“',
						status: 'planned',
						startsOn: '2027-03-01',
						endsOn: null,
						owner: 'advisor'
					}
				],
				indicators: [
					{
						name: 'Besuche des Standortportals',
						unit: 'Besuche',
						source: 'Webstatistik der Wirtschaftsförderung (fiktive Zahlen)',
						baseline: ['2022-12-31', 41000],
						target: ['2028-12-31', 60000],
						values: years(2022, [41000, 45200, 48900, 52300])
					}
				]
			}
		]
	},
	{
		title: 'Regionale Wertschöpfung',
		description: 'Mehr Aufträge und Wertschöpfung in der Region halten.',
		goals: [
			{
				title: 'Regionale Beschaffung stärken',
				measures: [
					{
						title: 'Regionalbörse für öffentliche Aufträge',
						status: 'stopped',
						startsOn: '2024-09-01',
						endsOn: '2025-08-31',
						owner: { organisation: 'Handwerkskammer Dortmund' },
						budgetNote: 'Pilot beendet; Nachfolge wird geprüft'
					}
				],
				indicators: [
					{
						name: 'Anteil regionaler Vergaben der Stadt',
						unit: '%',
						source: 'Vergabestelle der Stadt Hamm (fiktive Zahlen)',
						baseline: ['2021-12-31', 38],
						target: ['2030-12-31', 50],
						values: years(2021, [38, 39.5, 41, 41.8, 42.5])
					}
				]
			}
		]
	}
];

function ownerOf(owner: DemoMeasure['owner']) {
	if (owner === 'office') return { owner: 'office' as const, ownerText: '' };
	if (typeof owner === 'object') return { owner: 'organisation' as const, ownerText: owner.organisation };
	return { owner: DEMO_PEOPLE[owner].userId, ownerText: '' };
}

/** The strategy map of the demo board, once (nothing when the board has a field already). */
export async function seedDemoStrategy(deps: { db: Database }): Promise<void> {
	const existing = await deps.db.ownerTransaction((tx) =>
		tx.query(`select 1 from public.strategy_fields where board_id = $1 limit 1`, [DEMO_BOARD.id])
	);
	if (existing.length > 0) return;
	const by = actingAs(deps.db, DEMO_PEOPLE.office);
	const strategy = createStrategyService({ db: by.db, actor: by.actor });
	const indicators = createIndicatorService({ db: by.db });
	for (const field of DEMO_STRATEGY) {
		const { id: fieldId } = await strategy.createField(by.board, {
			title: field.title,
			description: field.description
		});
		if (field.isPublic)
			await strategy.updateField(by.board, fieldId, {
				title: field.title,
				description: field.description,
				isPublic: true
			});
		for (const goal of field.goals) {
			const { id: goalId } = await strategy.createGoal(by.board, { fieldId, title: goal.title, description: '' });
			for (const m of goal.measures) {
				const { id } = await strategy.createMeasure(by.board, {
					goalId,
					title: m.title,
					description: '',
					...ownerOf(m.owner),
					status: m.status,
					startsOn: m.startsOn,
					endsOn: m.endsOn,
					budgetNote: m.budgetNote ?? ''
				});
				await linkDemo(by.db, id, m);
			}
			for (const i of goal.indicators) {
				const { id } = await indicators.create(by.board, {
					goalId,
					name: i.name,
					unit: i.unit,
					source: i.source,
					baseline: i.baseline[1],
					baselineOn: i.baseline[0],
					target: i.target[1],
					targetOn: i.target[0]
				});
				const csv = ['date,value', ...i.values.map(([year, value]) => `${year},${value}`)].join('\n');
				await indicators.import(by.board, id, csv);
			}
		}
	}
}

/** Links a measure to the demo's decision and action items whose titles contain the given words. */
async function linkDemo(db: ReturnType<typeof actingAs>['db'], measureId: string, m: DemoMeasure) {
	await db.run(async (tx) => {
		const base = { boardId: DEMO_BOARD.id, measureId };
		if (m.decision) {
			const [decision] = await tx.query<{ number: string }>(
				`select number from public.decision_entries where board_id = $1 and title ilike '%' || $2 || '%' order by seq limit 1`,
				[DEMO_BOARD.id, m.decision]
			);
			if (decision) await linkDecision(tx, { ...base, number: decision.number, effect: 'started' });
		}
		for (const words of m.tasks ?? []) {
			const found = await tx.query<{ id: string }>(
				`select id from public.tasks where board_id = $1 and title ilike '%' || $2 || '%'`,
				[DEMO_BOARD.id, words]
			);
			for (const task of found) await linkTask(tx, { ...base, taskId: task.id });
		}
	});
}
