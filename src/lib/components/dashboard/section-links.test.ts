import { describe, expect, it } from 'vitest';
import { boardLinks } from './section-links';

describe('boardLinks', () => {
	it('gives one plain link for a single board', () => {
		expect(
			boardLinks({
				boards: [{ slug: 'wirtschaft-hamm-2030', name: 'Wirtschaft.Hamm.2030' }],
				path: 'tasks',
				label: 'dashboard.tasks.all',
				locale: 'de'
			})
		).toEqual([{ href: '/b/wirtschaft-hamm-2030/tasks', label: 'Alle Aufgaben' }]);
	});

	it('names the board in each link when there are several', () => {
		const links = boardLinks({
			boards: [
				{ slug: 'beirat', name: 'Beirat' },
				{ slug: 'ag-fachkraefte', name: 'AG Fachkräfte' }
			],
			path: 'decisions',
			label: 'dashboard.decisions.all',
			locale: 'en'
		});
		expect(links).toEqual([
			{ href: '/b/beirat/decisions', label: 'Go to the decision log – Beirat' },
			{ href: '/b/ag-fachkraefte/decisions', label: 'Go to the decision log – AG Fachkräfte' }
		]);
	});
});
