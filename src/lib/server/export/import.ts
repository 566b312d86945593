import type { JSONContent } from '@tiptap/core';
import { generateJSON } from '@tiptap/html/server';
import mammoth from 'mammoth';
import { marked } from 'marked';
import { ServiceError } from '../errors';
import { documentExtensions } from '../documents/paper-document';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export type ImportFormat = 'md' | 'docx';

/** The format of an upload, judged by its name and, for DOCX, its content (a ZIP); null when unsupported. */
export function importFormat(file: { name: string; bytes: Uint8Array }): ImportFormat | null {
	const name = file.name.toLowerCase();
	if (name.endsWith('.md') || name.endsWith('.markdown') || name.endsWith('.txt')) {
		return file.bytes.includes(0) ? null : 'md';
	}
	if (name.endsWith('.docx')) return file.bytes[0] === 0x50 && file.bytes[1] === 0x4b ? 'docx' : null;
	return null;
}

/** HTML (from Markdown or Word) as a document of the paper schema: anything the schema lacks is dropped. */
function htmlToDoc(html: string): JSONContent {
	return generateJSON(html, documentExtensions) as JSONContent;
}

/** A first heading or the file name, as the new paper's title. */
export function titleFrom(doc: JSONContent, fileName: string): string {
	const heading = doc.content?.find((n) => n.type === 'heading');
	const text = heading?.content
		?.map((n) => n.text ?? '')
		.join('')
		.trim();
	const fallback = fileName.replace(/\.[^.]+$/, '').trim();
	return (text || fallback || 'Import').slice(0, 200);
}

/** Parses an uploaded Markdown or DOCX file; refuses empty, oversized and unsupported files. */
export async function parseImport(file: { name: string; bytes: Uint8Array }): Promise<JSONContent> {
	if (file.bytes.byteLength === 0) throw new ServiceError(400, 'comments.import.error.empty');
	if (file.bytes.byteLength > IMPORT_MAX_BYTES)
		throw new ServiceError(400, 'comments.import.error.tooLarge', { mb: IMPORT_MAX_BYTES / 1024 / 1024 });
	const format = importFormat(file);
	if (!format) throw new ServiceError(400, 'comments.import.error.type');
	let html: string;
	if (format === 'md') {
		html = marked.parse(new TextDecoder('utf-8').decode(file.bytes), { async: false, gfm: true });
	} else {
		html = await mammoth
			.convertToHtml({ buffer: Buffer.from(file.bytes) })
			.then((result) => result.value)
			.catch(() => {
				throw new ServiceError(400, 'comments.import.error.unreadable');
			});
	}
	const doc = htmlToDoc(html);
	if (!doc.content?.some((n) => (n.content?.length ?? 0) > 0 || n.type === 'table'))
		throw new ServiceError(400, 'comments.import.error.empty');
	return doc;
}
