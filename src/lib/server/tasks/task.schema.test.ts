import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTaskSchema, progressSchema } from './task.schema';

describe('task forms', () => {
	// A complete create form (the form's one-time token included).
	const form = (fields: Record<string, string>) => ({
		title: 'Bericht',
		owner: 'office',
		formToken: randomUUID(),
		...fields
	});

	it('refuses a due date that does not exist instead of letting it reach the database', () => {
		for (const dueDate of ['2026-02-31', '2026-13-01', '9999-99-99', '0000-01-01']) {
			expect(createTaskSchema.safeParse(form({ dueDate })).success).toBe(false);
		}
		expect(createTaskSchema.parse(form({ dueDate: '2028-02-29' })).dueDate).toBe('2028-02-29');
		expect(createTaskSchema.parse(form({ dueDate: '' })).dueDate).toBeUndefined();
	});

	it('refuses ids that are no uuid', () => {
		expect(createTaskSchema.safeParse(form({ owner: 'abc' })).success).toBe(false);
		expect(createTaskSchema.safeParse(form({ agendaItemId: 'abc' })).success).toBe(false);
		expect(progressSchema.safeParse({ taskId: 'abc', status: 'done' }).success).toBe(false);
	});
});
