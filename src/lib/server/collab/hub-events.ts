import type { CollabHubEvent, CollabHubEventPayload } from './hub';

type Listener = (e: CollabHubEventPayload) => void;

/** A small event registry; a listener that throws is logged and does not stop the others. */
export function createHubEvents() {
	const listeners = new Map<CollabHubEvent, Set<Listener>>();
	return {
		on(event: CollabHubEvent, listener: Listener): () => void {
			let set = listeners.get(event);
			if (!set) listeners.set(event, (set = new Set()));
			set.add(listener);
			return () => set.delete(listener);
		},
		emit(event: CollabHubEvent, payload: CollabHubEventPayload) {
			for (const listener of listeners.get(event) ?? []) {
				try {
					listener(payload);
				} catch (error) {
					console.warn(`collab: '${event}' listener failed:`, error);
				}
			}
		}
	};
}

export type HubEvents = ReturnType<typeof createHubEvents>;
