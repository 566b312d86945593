import { MEASURE_STATUSES, type MeasureStatus, type Progress } from '$lib/types/strategy.types';

// Progress of the map: a measure's from the action items that carry it out, a goal's and a field's from all
// the action items below them (each task counts once, so a goal with one big and one small measure is not
// the plain average of both). Dropped tasks do not count; a measure without tasks has no percentage.

/** Task statuses as the tasks module stores them. */
export type TaskStatusLike = 'open' | 'in_progress' | 'done' | 'dropped';

/** Progress from tasks' statuses. */
export function progressOf(statuses: readonly TaskStatusLike[]): Progress {
	const counted = statuses.filter((s) => s !== 'dropped');
	const done = counted.filter((s) => s === 'done').length;
	return withPercent(done, counted.length);
}

/** The sum of several progresses (a goal's measures, a field's goals). */
export function sumProgress(parts: readonly Progress[]): Progress {
	let done = 0;
	let total = 0;
	for (const part of parts) {
		done += part.done;
		total += part.total;
	}
	return withPercent(done, total);
}

function withPercent(done: number, total: number): Progress {
	return { done, total, percent: total === 0 ? null : Math.round((done / total) * 100) };
}

/** How many measures have each status. */
export function countStatuses(statuses: readonly MeasureStatus[]): Record<MeasureStatus, number> {
	const counts = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
	for (const status of statuses) counts[status] += 1;
	return counts;
}
