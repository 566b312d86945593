import type { ReaderView, ThreadView } from '$lib/types/comment.types';

interface PanelData {
	canComment: boolean;
	threads: ThreadView[];
	readers: ReaderView[];
}

/** The side panel's data: loaded from the list endpoint, refreshed after every form it sends. */
export class CommentsPanelState {
	data = $state<PanelData | null>(null);
	failed = $state(false);
	/** Announced politely (aria-live) after a form succeeded or failed. */
	status = $state('');
	error = $state('');

	constructor(
		private readonly paperId: string,
		private readonly boardSlug: string
	) {}

	open = $derived((this.data?.threads ?? []).filter((t) => !t.resolvedAt));
	resolved = $derived((this.data?.threads ?? []).filter((t) => t.resolvedAt));

	async refresh(): Promise<void> {
		const response = await fetch(
			`/api/papers/${this.paperId}/comments?board=${encodeURIComponent(this.boardSlug)}`
		).catch(() => null);
		if (!response?.ok) {
			this.failed = true;
			return;
		}
		this.failed = false;
		this.data = (await response.json()) as PanelData;
	}
}
