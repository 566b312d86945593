import type { Reader } from './comment.repository';

/**
 * The readers a comment mentions: those picked explicitly (the @ picker) and those whose name follows
 * an "@" in the text (typed by hand, also without JavaScript). People who cannot read the paper are never
 * mentioned, whatever the form says.
 */
export function mentionedReaders(input: { body: string; explicit: string[]; readers: Reader[] }): Reader[] {
	const text = input.body.toLocaleLowerCase('de');
	return input.readers.filter(
		(reader) =>
			input.explicit.includes(reader.userId) || text.includes(`@${reader.displayName.toLocaleLowerCase('de')}`)
	);
}
