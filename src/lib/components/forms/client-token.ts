/**
 * A one-time form token made in the browser, for forms that no page load renders (the comments panel
 * beside the editor fetches its threads itself). Like the server's tokens a random UUID; a form keeps its
 * token until a submit succeeded, so a resent form is recognised and the next one gets a new token.
 */
export function clientFormToken(
	random: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto
): string {
	if (typeof random.randomUUID === 'function') return random.randomUUID();
	// randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere: a version 4 UUID.
	const bytes = random.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
