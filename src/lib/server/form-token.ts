import { randomUUID } from 'node:crypto';

/**
 * A fresh one-time token for a create form, made by the page's load (a random value, not a write).
 * Each render gets a new one; after a successful submit the page loads again and the form gets the next.
 */
export function newFormToken(): string {
	return randomUUID();
}
