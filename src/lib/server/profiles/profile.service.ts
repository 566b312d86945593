import { z } from 'zod';
import { LOCALES } from '$lib/i18n';
import type { ScopedDb } from '../db/scoped';
import * as repo from './profile.repository';

const optionalText = z
	.string()
	.trim()
	.max(200)
	.transform((value) => value || null);

export const profileSchema = z.object({
	displayName: z.string().trim().min(1).max(120),
	organisation: optionalText,
	function: optionalText,
	locale: z.enum(LOCALES)
});

export function createProfileService({ db }: { db: ScopedDb }) {
	return {
		current: () => db.run(repo.loadCurrentUser),
		update: (input: z.infer<typeof profileSchema>) => db.run((tx) => repo.updateProfile(tx, input)),
		setLocale: (locale: z.infer<typeof profileSchema>['locale']) => db.run((tx) => repo.updateLocale(tx, locale))
	};
}
