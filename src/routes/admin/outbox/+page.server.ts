import { listOutbox } from '$lib/server/mail/outbox.repository';
import type { PageServerLoad } from './$types';

// Platform admins only (route guard in hooks.server.ts); read under the admin's own RLS.
export const load: PageServerLoad = async ({ locals }) => ({
	mails: await locals.db.run((tx) => listOutbox(tx)),
	smtpConfigured: Boolean(locals.app.config.smtpUrl)
});
