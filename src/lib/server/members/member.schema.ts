import { z } from 'zod';
import { LOCALES } from '$lib/i18n';
import { BOARD_ROLES } from '$lib/roles';
import { emailSchema, formTokenField, uuidSchema, type FormTokenInput } from '../common.schema';
import { PROFILE_TEXT_MAX } from '../profiles/profile.schema';

// The forms of the members page (the office's list of members and open invitations).

const optionalText = z
	.string()
	.trim()
	.max(PROFILE_TEXT_MAX)
	.transform((value) => value || null);

/** Inviting someone by mail: the role, the profile fields shown until they accept, the mail's language. */
export const inviteSchema = z.object({
	email: emailSchema,
	role: z.enum(BOARD_ROLES),
	organisation: optionalText,
	function: optionalText,
	locale: z.enum(LOCALES)
});
export type InviteInput = z.infer<typeof inviteSchema> & FormTokenInput;
/** The members page's invitation form: the fields and the form's one-time token. */
export const inviteFormSchema = inviteSchema.extend(formTokenField);

/** Changing a member's role. */
export const roleSchema = z.object({ membershipId: uuidSchema, role: z.enum(BOARD_ROLES) });

/** Deactivating or reactivating a member (`active` is the hidden field's "true"/"false"). */
export const activeSchema = z.object({
	membershipId: uuidSchema,
	active: z.enum(['true', 'false']).transform((v) => v === 'true')
});

/** Resending or revoking an open invitation; a resent mail goes out in `locale`. */
export const invitationSchema = z.object({ invitationId: uuidSchema, locale: z.enum(LOCALES).default('de') });
