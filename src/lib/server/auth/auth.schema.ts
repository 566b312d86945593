import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '$lib/password-rules';
import { emailSchema } from '../common.schema';

// The forms of signing in, the password reset and the profile's password change.

/** A new password, with the length rules the forms show (`$lib/password-rules`). */
export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

/** Sign-in with a password; `redirectTo` is checked as a same-origin path when it is used. */
export const signInSchema = z.object({
	email: emailSchema,
	password: z.string().min(1).max(200),
	redirectTo: z.string().max(2000).optional()
});

/** Asking for a sign-in link or a password reset mail. */
export const emailFormSchema = z.object({ email: emailSchema });

/** Setting a new password with the token of a reset mail. */
export const resetSchema = z.object({ token: z.string().min(1).max(200), password: passwordSchema });

/** Changing the password on the profile page. */
export const changePasswordSchema = z.object({
	currentPassword: z.string().min(1).max(200),
	newPassword: passwordSchema
});
