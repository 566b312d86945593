/** One file on its way up, as the progress list shows it. */
export interface QueuedUpload {
	key: number;
	name: string;
	percent: number;
	state: 'uploading' | 'done' | 'failed' | 'cancelled';
	message: string;
}

interface StartInput {
	file: File;
	url: string;
	/** Extra form fields (agendaItemId, fileId). */
	fields: Record<string, string>;
	/** Message for a lost connection (translated by the component). */
	networkMessage: string;
}

let counter = 0;

/**
 * Uploads with XMLHttpRequest, because fetch cannot report upload progress: each file is its own
 * request, so one too-large file does not stop the others and each can be cancelled.
 */
export class UploadQueue {
	items = $state<QueuedUpload[]>([]);
	// Bookkeeping for cancel(), never shown: a plain Map on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#requests = new Map<number, XMLHttpRequest>();

	get busy(): boolean {
		return this.items.some((item) => item.state === 'uploading');
	}

	start(input: StartInput): Promise<boolean> {
		const item: QueuedUpload = { key: ++counter, name: input.file.name, percent: 0, state: 'uploading', message: '' };
		this.items.push(item);
		const live = this.items.at(-1)!;
		const body = new FormData();
		body.append('file', input.file);
		for (const [name, value] of Object.entries(input.fields)) body.append(name, value);
		const xhr = new XMLHttpRequest();
		this.#requests.set(item.key, xhr);
		return new Promise((resolve) => {
			const finish = (state: QueuedUpload['state'], message: string) => {
				live.state = state;
				live.message = message;
				this.#requests.delete(item.key);
				resolve(state === 'done');
			};
			xhr.upload.addEventListener('progress', (event) => {
				if (event.lengthComputable) live.percent = Math.min(99, Math.round((event.loaded / event.total) * 100));
			});
			xhr.addEventListener('load', () => {
				const answer = (xhr.response ?? {}) as { message?: string };
				if (xhr.status >= 200 && xhr.status < 300) live.percent = 100;
				finish(xhr.status >= 200 && xhr.status < 300 ? 'done' : 'failed', answer.message ?? xhr.statusText);
			});
			xhr.addEventListener('error', () => finish('failed', input.networkMessage));
			xhr.addEventListener('abort', () => finish('cancelled', ''));
			xhr.open('POST', input.url);
			xhr.responseType = 'json';
			xhr.setRequestHeader('accept', 'application/json');
			xhr.send(body);
		});
	}

	cancel(key: number): void {
		this.#requests.get(key)?.abort();
	}
}
