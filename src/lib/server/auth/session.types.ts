/** One of the person's sessions as the sessions page shows it. */
export interface SessionView {
	id: string;
	/** Browser family, null when not recognised. */
	browser: string | null;
	/** Operating system, null when not recognised. */
	system: string | null;
	/** Shortened address (192.0.2.x, 2001:db8::…), null when unknown. */
	address: string | null;
	/** ISO timestamps. */
	createdAt: string;
	lastUsedAt: string;
	/** The session of the browser looking at the page. */
	current: boolean;
}

/** Local auth lists the sessions; Supabase Auth can only end all others. */
export type SessionList = { listed: true; sessions: SessionView[] } | { listed: false };
