// View models of the strategy map (#16): what pages and reports get from the strategy services.

export const MEASURE_STATUSES = ['planned', 'running', 'done', 'stopped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const OWNER_KINDS = ['member', 'organisation', 'office'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** Task progress rolled up: done tasks of all that count (dropped tasks do not). */
export interface Progress {
	done: number;
	total: number;
	/** Whole percent, or null when nothing counts. */
	percent: number | null;
}

export interface StrategyMeasure {
	id: string;
	goalId: string;
	title: string;
	description: string;
	ownerKind: OwnerKind;
	ownerId: string | null;
	/** The member's name, the organisation, or '' for the office. */
	ownerName: string;
	status: MeasureStatus;
	startsOn: string | null;
	endsOn: string | null;
	budgetNote: string;
	progress: Progress;
}

export interface StrategyIndicator {
	id: string;
	goalId: string;
	name: string;
	unit: string;
	source: string;
	baseline: number | null;
	baselineOn: string | null;
	target: number | null;
	targetOn: string | null;
	/** The latest value, if any. */
	latest: IndicatorValue | null;
}

export interface IndicatorValue {
	observedOn: string;
	value: number;
}

export interface StrategyGoal {
	id: string;
	fieldId: string;
	title: string;
	description: string;
	measures: StrategyMeasure[];
	indicators: StrategyIndicator[];
	progress: Progress;
}

export interface StrategyField {
	id: string;
	title: string;
	description: string;
	isPublic: boolean;
	goals: StrategyGoal[];
	progress: Progress;
	/** Measures per status. */
	statusCounts: Record<MeasureStatus, number>;
}

/** A task carrying out a measure, as the measure's page lists it. */
export interface MeasureTask {
	id: string;
	title: string;
	status: 'open' | 'in_progress' | 'done' | 'dropped';
	dueDate: string | null;
	ownerName: string | null;
	ownerOffice: boolean;
}

export interface MeasureDecision {
	number: string;
	effect: 'started' | 'changed' | 'linked';
	/** The decision's current title (empty when the log does not show it to the reader). */
	title: string;
	status: string;
}

export interface MeasureStatusChange {
	status: MeasureStatus;
	changedAt: string;
	changedBy: string | null;
}

export interface MeasureComment {
	id: string;
	authorId: string | null;
	authorName: string | null;
	body: string;
	createdAt: string;
}

/** A parsed CSV row: its line, the values read, and what is wrong with it. */
export interface ImportRow {
	line: number;
	observedOn: string | null;
	value: number | null;
	unit: string;
	errors: string[];
}
