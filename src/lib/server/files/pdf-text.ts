import { extractText, getDocumentProxy } from 'unpdf';

/** Search text is capped: enough for finding a document, small enough for a tsvector. */
export const MAX_SEARCH_TEXT = 200_000;
const TIMEOUT_MS = 10_000;

/** Text of a PDF for search; any failure (encrypted, broken, slow) gives '' and never fails an upload. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	try {
		const work = (async () => {
			const pdf = await getDocumentProxy(new Uint8Array(bytes));
			const { text } = await extractText(pdf, { mergePages: true });
			return text;
		})();
		const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(''), TIMEOUT_MS).unref());
		const text = await Promise.race([work, timeout]);
		return text.replaceAll('\u0000', '').replace(/\s+/g, ' ').trim().slice(0, MAX_SEARCH_TEXT);
	} catch {
		return '';
	}
}
