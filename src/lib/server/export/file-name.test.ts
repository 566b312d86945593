import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from './file-name';

describe('download file names', () => {
	it('spells umlauts out and drops what a header or file system could misread', () => {
		expect(safeFileName('Strategie für Groß & Klein: Ärzte/Ökonomie', 'pdf')).toBe(
			'Strategie-fuer-Gross-Klein-Aerzte-Oekonomie.pdf'
		);
		expect(safeFileName('../../etc/passwd', 'md')).toBe('etc-passwd.md');
		expect(safeFileName('"\r\n', 'docx')).toBe('papier.docx');
	});

	it('keeps the original title as UTF-8 without quotes or line breaks', () => {
		const header = contentDisposition('Bericht "Hamm"\r\nX-Evil: 1', 'md');
		expect(header).not.toMatch(/[\r\n]/);
		expect(header).toBe(
			`attachment; filename="Bericht-Hamm-X-Evil-1.md"; filename*=UTF-8''${encodeURIComponent('Bericht  Hamm   X-Evil: 1.md')}`
		);
	});
});
