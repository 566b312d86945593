import { describe, expect, it, vi } from 'vitest';
import { ServiceError } from '../errors';
import { refusalForDatabaseError, rethrowAsRefusal } from './db-errors';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('refusalForDatabaseError', () => {
	it('answers values Postgres cannot read as refusals with a message for each kind', () => {
		expect(refusalForDatabaseError(pgError('22P02'))).toMatchObject({ status: 400, messageKey: 'error.invalidValue' });
		expect(refusalForDatabaseError(pgError('22023', 'meeting of another board'))).toMatchObject({
			status: 400,
			messageKey: 'error.invalidValue'
		});
		expect(refusalForDatabaseError(pgError('22008'))).toMatchObject({ status: 400, messageKey: 'error.invalidDate' });
		expect(refusalForDatabaseError(pgError('22007'))).toMatchObject({ status: 400, messageKey: 'error.invalidDate' });
		expect(refusalForDatabaseError(pgError('22021'))).toMatchObject({
			status: 400,
			messageKey: 'error.invalidCharacters'
		});
		// What postgres.js throws for a date parameter no JavaScript Date can hold.
		expect(refusalForDatabaseError(new RangeError('Invalid time value'))).toMatchObject({
			status: 400,
			messageKey: 'error.invalidDate'
		});
	});

	it('tells a missing target from a row that is still used', () => {
		const insert = pgError(
			'23503',
			'insert or update on table "agenda_items" violates foreign key constraint "agenda_items_presenter_user_id_person_fkey"'
		);
		const remove = pgError(
			'23503',
			'update or delete on table "meetings" violates foreign key constraint "x" on table "decision_entries"'
		);
		expect(refusalForDatabaseError(insert)).toMatchObject({ status: 400, messageKey: 'error.unknownReference' });
		expect(refusalForDatabaseError(remove)).toMatchObject({ status: 409, messageKey: 'error.stillReferenced' });
	});

	it('leaves every other error alone: bugs and outages stay 500s with their stack in the log', () => {
		for (const error of [
			pgError('23505'),
			pgError('42501'),
			pgError('40001'),
			new Error('connection lost'),
			new RangeError('Maximum call stack size exceeded'),
			new ServiceError(404, 'error.notFound'),
			null,
			'text'
		]) {
			expect(refusalForDatabaseError(error)).toBeNull();
		}
		const unique = pgError('23505');
		expect(() => rethrowAsRefusal(unique)).toThrow(unique);
	});

	it("logs a refusal in one line with Postgres' words, without a stack", () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		try {
			expect(() => rethrowAsRefusal(pgError('22P02', 'invalid input syntax for type uuid: "abc"'))).toThrow(
				ServiceError
			);
			expect(warn).toHaveBeenCalledTimes(1);
			expect(warn.mock.calls[0]).toEqual([
				'Refused a request value the database rejected (22P02): invalid input syntax for type uuid: "abc"'
			]);
		} finally {
			warn.mockRestore();
		}
	});
});
