import { z } from 'zod';
import { passwordSchema } from '../auth/auth.schema';
import { DISPLAY_NAME_MAX } from '../profiles/profile.schema';

/** Accepting an invitation: a password, and a name to show (needed only when a new account is made). */
export const acceptSchema = z.object({
	displayName: z.string().trim().max(DISPLAY_NAME_MAX).optional(),
	password: passwordSchema
});
