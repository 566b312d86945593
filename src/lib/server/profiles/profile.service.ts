import type { ScopedDb } from '../db/scoped';
import type { ProfileInput } from './profile.schema';
import * as repo from './profile.repository';

export function createProfileService({ db }: { db: ScopedDb }) {
	return {
		current: () => db.run(repo.loadCurrentUser),
		update: (input: ProfileInput) => db.run((tx) => repo.updateProfile(tx, input)),
		setLocale: (locale: ProfileInput['locale']) => db.run((tx) => repo.updateLocale(tx, locale))
	};
}
