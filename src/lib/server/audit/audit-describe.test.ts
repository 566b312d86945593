import { describe, expect, it } from 'vitest';
import { actionKey, describeEvent, personIds } from './audit-describe';
import { filterQuery, parseAuditFilter } from './audit.schema';
import type { AuditEvent } from '$lib/types/audit.types';

const OFFICE = '11111111-1111-4111-8111-111111111111';
const GONE = '22222222-2222-4222-8222-222222222222';

function event(overrides: Partial<AuditEvent>): AuditEvent {
	return {
		id: 1,
		boardId: null,
		boardName: null,
		actorId: OFFICE,
		actorKind: 'user',
		actorTask: null,
		occurredAt: '2026-11-25T15:00:00.000Z',
		tableName: 'meetings',
		operation: 'update',
		rowId: 'x',
		objectLabel: 'Sitzung',
		subjectUserId: null,
		before: null,
		after: null,
		...overrides
	};
}

describe('audit entries as people read them', () => {
	it('names special changes and falls back to table + operation', () => {
		expect(actionKey(event({ after: { agenda_published_at: '2026-11-25T15:00:00Z' } }))).toBe(
			'audit.action.agendaPublished'
		);
		expect(actionKey(event({ tableName: 'votes', before: { status: 'open' }, after: { status: 'adopted' } }))).toBe(
			'audit.action.voteClosed'
		);
		expect(actionKey(event({ tableName: 'memberships', after: { role: 'chair' } }))).toBe('audit.action.roleChanged');
		expect(actionKey(event({ tableName: 'decision_entries', operation: 'insert', after: { change: 'amended' } }))).toBe(
			'audit.action.decisionRevised'
		);
		expect(actionKey(event({ tableName: 'papers', operation: 'delete' }))).toBe('audit.action.papers.delete');
	});

	it('shows Berlin time, resolves people now and pseudonymises removed ones', () => {
		const names = new Map([[OFFICE, 'Erika Office']]);
		const row = describeEvent(
			'de',
			names,
			event({
				tableName: 'memberships',
				subjectUserId: GONE,
				before: { role: 'member', active: true },
				after: { role: 'chair', active: false }
			})
		);
		expect(row.occurredAt).toBe('25.11.2026, 16:00');
		expect(row.person).toBe('Erika Office');
		expect(row.object).toBe('Mitgliedschaft: Sitzung – ehemaliges Mitglied');
		expect(row.changes).toEqual([
			{ field: 'Rolle', before: 'Mitglied', after: 'Vorsitz' },
			{ field: 'Aktiv', before: 'ja', after: 'nein' }
		]);
		expect(describeEvent('en', names, event({ actorId: null, actorKind: 'system', actorTask: 'votes' })).person).toBe(
			'System (votes)'
		);
		expect(personIds([event({ after: { created_by: GONE, title: 'x' } })]).sort()).toEqual([OFFICE, GONE].sort());
	});

	it('keeps valid filter values, drops invalid ones one by one and rebuilds the query without the cursor', () => {
		const filter = parseAuditFilter(
			new URLSearchParams('kind=meetings&person=nobody&from=2026-11-01&to=gestern&q=%20Haushalt%20&before=42')
		);
		expect(filter).toEqual({ kind: 'meetings', from: '2026-11-01', q: 'Haushalt', before: 42 });
		expect(filterQuery(filter)).toBe('kind=meetings&from=2026-11-01&q=Haushalt');
		expect(parseAuditFilter(new URLSearchParams('kind=vote_ballots&person=system'))).toEqual({ person: 'system' });
	});
});
