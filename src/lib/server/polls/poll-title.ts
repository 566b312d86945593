/** Words people add to a poll's title to say it is a poll (German and English). */
const POLL_WORDS =
	'(?:terminfindung|terminabstimmung|terminumfrage|terminsuche|date poll|doodle|scheduling(?: poll)?|poll)';
const SUFFIX = new RegExp(`\\s*(?:[-–—:|/]\\s*${POLL_WORDS}|\\(\\s*${POLL_WORDS}\\s*\\))\\s*$`, 'iu');
const PREFIX = new RegExp(`^\\s*${POLL_WORDS}\\s*[-–—:|]\\s*`, 'iu');

/**
 * The title of the meeting a poll creates: "5. Sitzung – Terminfindung" becomes "5. Sitzung".
 * A title that is nothing but the poll word stays as it is rather than becoming empty.
 */
export function meetingTitleFromPoll(pollTitle: string): string {
	const stripped = pollTitle.replace(SUFFIX, '').replace(PREFIX, '').trim();
	return stripped || pollTitle.trim();
}
