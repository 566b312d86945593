// The server API of the live channel for the rest of the app. Call `publishMeetingEvent` after the
// write it describes has committed (never inside the transaction): clients that miss it catch up
// from the database when they reconnect.
import { runningCollabServer } from '../collab/collab-process';
import type { MeetingEvent } from '../../live/live-protocol';

export type { MeetingEvent } from '../../live/live-protocol';

/** What services get passed in to publish (tests pass a recorder). */
export type MeetingPublisher = (meetingId: string, event: MeetingEvent) => void;

/**
 * Sends `event` to everybody connected to the meeting's live channel, on this node and (with
 * REDIS_URL) on every other node; guests receive `event.public` only. Before the app's collaboration
 * server runs (scripts, some tests) there is nobody to tell, and nothing happens.
 */
export const publishMeetingEvent: MeetingPublisher = (meetingId, event) => {
	runningCollabServer()?.live.publish(meetingId, event);
};
