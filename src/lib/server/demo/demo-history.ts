import type { Database } from '../db/types';
import type { Mailer } from '../mail/port';
import type { StoragePort } from '../storage/port';
import { offlineHub } from './demo-hub';
import { seedDemoPapers } from './demo-papers';
import { seedPastMeeting } from './demo-meeting';
import { seedDemoActivity } from './demo-activity';
import { seedDemoPublication } from './demo-publication';
import { seedDemoStrategy } from './demo-strategy';

export interface DemoHistoryDeps {
	db: Database;
	mailer: Mailer;
	origin: string;
	storage: StoragePort;
}

/**
 * A board in mid-work on top of the SQL seed (supabase/seed.sql): paper texts with versions and comments,
 * the past meeting's votes, approved minutes and decisions, an open circular resolution, an open date
 * poll, tasks, files and what the public sees. Everything goes through the services (decisions through
 * the database's own functions), as the people would have done it. Runs before the collaboration server starts; each part
 * is seeded once, so a restart (or a start after a failed one) adds nothing twice.
 */
export async function seedDemoHistory(deps: DemoHistoryDeps): Promise<void> {
	const hub = offlineHub(deps.db);
	await seedDemoPapers({ ...deps, hub });
	await seedPastMeeting({ ...deps, hub });
	await seedDemoActivity(deps);
	await seedDemoPublication({ db: deps.db, hub });
	await seedDemoStrategy({ db: deps.db });
}
