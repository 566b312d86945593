import { withSystem } from '$lib/server/db/scoped';
import { listOutbox } from '$lib/server/mail/outbox.repository';
import type { PageServerLoad } from './$types';

// Admins read the outbox under their own RLS; in local development (where the layout lets anyone
// in) it is read by the named system task, so magic links work without SMTP.
export const load: PageServerLoad = async ({ locals }) => ({
	mails: locals.user?.isAdmin ? await locals.db.run((tx) => listOutbox(tx)) : await withSystem(locals.app.db, 'dev-outbox', (tx) => listOutbox(tx))
});
