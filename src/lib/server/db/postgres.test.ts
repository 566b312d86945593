import { describe, expect, it } from 'vitest';
import { usePreparedStatements } from './postgres';

describe('usePreparedStatements', () => {
	it('prepares statements on a direct connection or a session-mode pooler', () => {
		expect(usePreparedStatements('postgres://postgres@127.0.0.1:5432/beirat')).toBe(true);
		expect(usePreparedStatements('postgres://postgres@db.example.supabase.co/postgres')).toBe(true);
	});

	it("does not on Supabase's transaction-mode pooler (port 6543)", () => {
		expect(usePreparedStatements('postgresql://user:pw@aws-0-eu.pooler.supabase.com:6543/postgres')).toBe(false);
	});

	it('follows DATABASE_PREPARE when it is set', () => {
		expect(usePreparedStatements('postgres://127.0.0.1:5432/beirat', false)).toBe(false);
		expect(usePreparedStatements('postgres://pooler.example:6543/postgres', true)).toBe(true);
	});
});
