import { describe, expect, it } from 'vitest';
import { MIME, mimeForName, sniffType } from './sniff';
import { docxBytes, odtBytes, pdfBytes, plainZipBytes, pngBytes } from '../../../../tests/factories/files';
import { contentDisposition } from './content-disposition';
import { signToken, verifyToken } from './signed-token';

describe('sniffType', () => {
	it('recognises PDF and images by their magic bytes', async () => {
		expect(sniffType(await pdfBytes())).toBe(MIME.pdf);
		expect(sniffType(pngBytes())).toBe(MIME.png);
		expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe(MIME.jpeg);
		expect(sniffType(new TextEncoder().encode('GIF89a....'))).toBe(MIME.gif);
	});

	it('recognises DOCX by its zip entries and ODT by its mimetype entry', async () => {
		expect(sniffType(await docxBytes())).toBe(MIME.docx);
		expect(sniffType(await odtBytes())).toBe(MIME.odt);
	});

	it('refuses other zips, text, HTML and truncated zips', async () => {
		expect(sniffType(await plainZipBytes())).toBeNull();
		expect(sniffType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeNull();
		const docx = await docxBytes();
		expect(sniffType(docx.subarray(0, docx.length - 30))).toBeNull();
		expect(sniffType(new Uint8Array())).toBeNull();
	});

	it('maps extensions case-insensitively and knows no others', () => {
		expect(mimeForName('Bericht.PDF')).toBe(MIME.pdf);
		expect(mimeForName('folien.pptx')).toBe(MIME.pptx);
		expect(mimeForName('bild.svg')).toBeNull();
		expect(mimeForName('ohne-endung')).toBeNull();
	});
});

describe('signed tokens', () => {
	const secret = Buffer.alloc(32, 7);
	const payload = { b: 'board-files', n: 'a/b/v1-x', e: Math.floor(Date.now() / 1000) + 60, f: 'x.pdf', t: MIME.pdf };

	it('verify while valid, expire afterwards, and break when any byte changes', () => {
		const token = signToken(secret, payload);
		expect(verifyToken(secret, token)).toEqual({ ok: true, payload });
		expect(verifyToken(secret, token, Date.now() + 120_000)).toEqual({ ok: false, reason: 'expired' });
		const forged = signToken(Buffer.alloc(32, 8), { ...payload, n: 'a/b/v2-y' });
		const swapped = `${forged.split('.')[0]}.${token.split('.')[1]}`;
		expect(verifyToken(secret, swapped)).toEqual({ ok: false, reason: 'invalid' });
		expect(verifyToken(secret, `${token}x`)).toEqual({ ok: false, reason: 'invalid' });
		expect(verifyToken(secret, 'garbage')).toEqual({ ok: false, reason: 'invalid' });
	});
});

describe('contentDisposition', () => {
	it('keeps the original name in RFC 5987 form with an ASCII fallback', () => {
		expect(contentDisposition('Übersicht (Entwurf) "neu".pdf')).toBe(
			`attachment; filename="_bersicht (Entwurf) _neu_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%28Entwurf%29%20%22neu%22.pdf`
		);
	});
});
