// JSON logs (pino), one object per line, for the log collector of the platform. Personal data stays
// out: requests are logged by route id and person id, never by path, e-mail, name or address; the
// redaction below is a second line of defence for fields that must never be written.
import { pino, type DestinationStream, type Logger } from 'pino';

/** Field names that hold personal data or credentials wherever they appear (one level deep). */
export const REDACTED_FIELDS = [
	'email',
	'password',
	'name',
	'ip',
	'token',
	'ticket',
	'cookie',
	'authorization'
].flatMap((field) => [field, `*.${field}`]);

/** A logger writing JSON lines to `destination` (stdout by default). */
export function createLogger(destination?: DestinationStream): Logger {
	return pino(
		{
			level: 'info',
			timestamp: pino.stdTimeFunctions.isoTime,
			redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
			formatters: { level: (label) => ({ level: label }) }
		},
		destination
	);
}

const holder = globalThis as { __beiratLogger?: Logger };

/** The process-wide logger. */
export function logger(): Logger {
	return (holder.__beiratLogger ??= createLogger());
}

/** Replaces the process-wide logger (tests read what was written). */
export function useLogger(next: Logger): void {
	holder.__beiratLogger = next;
}

/** A message from elsewhere (an SMTP server's answer, a driver's error) without the e-mail addresses in it. */
export function withoutEmailAddresses(text: string): string {
	return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[A-Za-z]{2,}/g, '[e-mail]');
}
