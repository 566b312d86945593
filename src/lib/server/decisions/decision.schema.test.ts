import { describe, expect, it } from 'vitest';
import { recordSchema, statusSchema } from './decision.schema';

const recorded = {
	title: 'Gewerbeflächen',
	resolution: 'Der Beirat empfiehlt …',
	kind: 'resolution',
	status: 'adopted',
	formToken: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890'
};

describe('decision forms', () => {
	it('accepts a due date that exists and an empty one', () => {
		expect(recordSchema.parse({ ...recorded, dueDate: '2027-02-28' }).dueDate).toBe('2027-02-28');
		expect(recordSchema.parse({ ...recorded, dueDate: '' }).dueDate).toBeUndefined();
		expect(statusSchema.parse({ status: 'implemented', dueDate: '2028-02-29' }).dueDate).toBe('2028-02-29');
	});

	it('refuses a due date that does not exist at the field, before it reaches the database', () => {
		for (const dueDate of ['2026-02-31', '2027-13-01', '0000-01-01', '31.12.2026']) {
			const result = recordSchema.safeParse({ ...recorded, dueDate });
			expect(result.success, dueDate).toBe(false);
			expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['dueDate']);
		}
		expect(statusSchema.safeParse({ status: 'implemented', dueDate: '2026-04-31' }).success).toBe(false);
	});

	it('refuses a meeting reference that is not an id', () => {
		const result = recordSchema.safeParse({ ...recorded, meetingId: 'meeting-1' });
		expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['meetingId']);
	});
});
