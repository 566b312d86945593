import JSZip from 'jszip';
import PDFDocument from 'pdfkit';

// Sample files with real content, built in memory: the sniffer must recognise (or refuse) them by content.

/** A one-page PDF with `text` on it (pdfkit, so text extraction has something to find). */
export function pdfBytes(text = 'Haushaltsplan der Wirtschaftsförderung'): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		doc.text(text);
		doc.end();
	});
}

/** A 1×1 PNG. */
export const pngBytes = (): Uint8Array =>
	new Uint8Array(
		Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
			'base64'
		)
	);

/** A zip with the entries a DOCX has (OOXML is recognised by its entry names). */
export async function docxBytes(): Promise<Uint8Array> {
	const zip = new JSZip();
	zip.file(
		'[Content_Types].xml',
		'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
	);
	zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships/>');
	zip.file(
		'word/document.xml',
		'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
	);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** An ODF text document: `mimetype` first and stored, as the format requires. */
export async function odtBytes(): Promise<Uint8Array> {
	const zip = new JSZip();
	zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
	zip.file(
		'content.xml',
		'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
	);
	zip.file('META-INF/manifest.xml', '<?xml version="1.0"?><manifest/>');
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A zip that is neither OOXML nor ODF. */
export async function plainZipBytes(): Promise<Uint8Array> {
	const zip = new JSZip();
	zip.file('readme.txt', 'hallo');
	return zip.generateAsync({ type: 'uint8array' });
}
