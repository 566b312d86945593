// The live page's state: the picture from the page's load, replaced by newer pictures from the live
// channel (by the database clock `readAt`), and a ticking clock for the time plan and countdowns.
import { invalidate } from '$app/navigation';
import { dateTimeFormat } from '$lib/intl';
import { TIME_ZONE } from '$lib/format';
import type { Locale } from '$lib/i18n';
import type { LiveState } from '$lib/types/live.types';
import { LiveChannel } from './live-channel.svelte';

export class LiveMeeting {
	/** The newest picture the channel brought, or null. */
	incoming = $state<LiveState | null>(null);
	/** Now, every second (client only). */
	now = $state(Date.now());
	readonly channel: LiveChannel;
	#timer: ReturnType<typeof setInterval> | null = null;

	/** `meeting` is read when the socket opens (the page's data). */
	constructor(meeting: () => { board: string; meetingId: string }) {
		this.channel = new LiveChannel({ meeting, onOpen: () => void invalidate('live:meeting') });
		this.channel.on('state', (data) => {
			const state = data as LiveState;
			if (!this.incoming || state.readAt >= this.incoming.readAt) this.incoming = state;
		});
	}

	/** The newer of the loaded picture and the last one received. */
	current(loaded: LiveState): LiveState {
		return this.incoming && this.incoming.readAt > loaded.readAt ? this.incoming : loaded;
	}

	start(): () => void {
		this.channel.connect();
		this.#timer = setInterval(() => (this.now = Date.now()), 1000);
		return () => {
			this.channel.close();
			if (this.#timer) clearInterval(this.#timer);
		};
	}
}

/** "14:05" in Berlin time. */
export function clockTime(value: string | number | Date, locale: Locale): string {
	return dateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: TIME_ZONE
	}).format(typeof value === 'string' ? Date.parse(value) : value);
}

/** "1:05" from seconds (negative: over time, shown without the sign). */
export function duration(seconds: number): string {
	const s = Math.abs(Math.trunc(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
