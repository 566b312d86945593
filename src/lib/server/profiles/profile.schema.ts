import { z } from 'zod';
import { LOCALES } from '$lib/i18n';

export const DISPLAY_NAME_MAX = 120;
export const PROFILE_TEXT_MAX = 200;

const optionalText = z
	.string()
	.trim()
	.max(PROFILE_TEXT_MAX)
	.transform((value) => value || null);

/** The profile page's form. */
export const profileSchema = z.object({
	displayName: z.string().trim().min(1).max(DISPLAY_NAME_MAX),
	organisation: optionalText,
	function: optionalText,
	locale: z.enum(LOCALES)
});
export type ProfileInput = z.infer<typeof profileSchema>;
