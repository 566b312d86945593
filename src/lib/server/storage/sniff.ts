// Content sniffing without dependencies: magic bytes for PDF and images; for zip containers the
// entry names (OOXML) or the `mimetype` entry (ODF) decide. Old binary Office formats, SVG and
// anything else are not recognised and therefore refused.

export const MIME = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp'
} as const;

/** The type a file name's extension promises, or null for an unknown extension. */
export function mimeForName(fileName: string): string | null {
	const dot = fileName.lastIndexOf('.');
	if (dot < 0) return null;
	const ext = fileName.slice(dot + 1).toLowerCase();
	return ext in MIME ? MIME[ext as keyof typeof MIME] : null;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;

interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	localOffset: number;
}

/** Entries from the central directory (found through the end-of-central-directory record). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
	const min = Math.max(0, bytes.length - 22 - 0xffff);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= min; i--) {
		if (u32(bytes, i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return null;
	const count = u16(bytes, eocd + 10);
	let offset = u32(bytes, eocd + 16);
	const entries: ZipEntry[] = [];
	const decoder = new TextDecoder();
	for (let i = 0; i < count; i++) {
		if (offset + 46 > bytes.length || u32(bytes, offset) !== 0x02014b50) return null;
		const nameLength = u16(bytes, offset + 28);
		const skip = nameLength + u16(bytes, offset + 30) + u16(bytes, offset + 32);
		if (offset + 46 + nameLength > bytes.length) return null;
		entries.push({
			name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
			method: u16(bytes, offset + 10),
			compressedSize: u32(bytes, offset + 20),
			localOffset: u32(bytes, offset + 42)
		});
		offset += 46 + skip;
	}
	return entries;
}

/** ODF keeps its type, uncompressed, in the `mimetype` entry. */
function odfType(bytes: Uint8Array, entry: ZipEntry): string | null {
	const at = entry.localOffset;
	if (entry.method !== 0 || u32(bytes, at) !== 0x04034b50) return null;
	const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
	if (start + entry.compressedSize > bytes.length || entry.compressedSize > 200) return null;
	return new TextDecoder().decode(bytes.subarray(start, start + entry.compressedSize)).trim();
}

function sniffZip(bytes: Uint8Array): string | null {
	const entries = zipEntries(bytes);
	if (!entries) return null;
	const names = new Set(entries.map((e) => e.name));
	if (names.has('[Content_Types].xml')) {
		if (names.has('word/document.xml')) return MIME.docx;
		if (names.has('xl/workbook.xml')) return MIME.xlsx;
		if (names.has('ppt/presentation.xml')) return MIME.pptx;
		return null;
	}
	const mimetype = entries.find((e) => e.name === 'mimetype');
	const type = mimetype && names.has('content.xml') ? odfType(bytes, mimetype) : null;
	return type && [MIME.odt, MIME.ods, MIME.odp].includes(type as typeof MIME.odt) ? type : null;
}

/** The type the bytes really are, or null when they are none of the accepted kinds. */
export function sniffType(bytes: Uint8Array): string | null {
	if (startsWith(bytes, ascii('%PDF-'))) return MIME.pdf;
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MIME.png;
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return MIME.jpeg;
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return MIME.gif;
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return MIME.webp;
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
	return null;
}
