// The comments' view models: threads and readers as the comments panel and page show them.

/** A comment thread as the list endpoint and the comments page deliver it (dates may arrive as strings). */
export interface ThreadView {
	id: string;
	quote: string;
	createdAt: Date | string;
	resolvedAt: Date | string | null;
	resolvedByName: string | null;
	comments: {
		id: string;
		authorName: string | null;
		body: string;
		createdAt: Date | string;
		editedAt: Date | string | null;
		mine: boolean;
	}[];
}

export interface ReaderView {
	userId: string;
	displayName: string;
}

/** What a comment form hands back to whoever shows it (panel or page). */
export interface FormOutcome {
	ok: boolean;
	message?: string;
}
