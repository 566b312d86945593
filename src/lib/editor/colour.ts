/** A stable colour per person (the same formula as the collaboration server's ticket), dark enough for white text. */
export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return `hsl(${hash % 360} 70% 40%)`;
}
