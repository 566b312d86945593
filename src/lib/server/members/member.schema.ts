import { z } from 'zod';
import { LOCALES } from '$lib/i18n';
import { BOARD_ROLES } from '$lib/roles';

// The forms of the members page (the office's list of members and open invitations).

const uuid = z.uuid();

/** Changing a member's role. */
export const roleSchema = z.object({ membershipId: uuid, role: z.enum(BOARD_ROLES) });

/** Deactivating or reactivating a member (`active` is the hidden field's "true"/"false"). */
export const activeSchema = z.object({ membershipId: uuid, active: z.enum(['true', 'false']).transform((v) => v === 'true') });

/** Resending or revoking an open invitation; a resent mail goes out in `locale`. */
export const invitationSchema = z.object({ invitationId: uuid, locale: z.enum(LOCALES).default('de') });
