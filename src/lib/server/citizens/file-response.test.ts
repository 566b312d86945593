import { describe, expect, it } from 'vitest';
import { publicFileResponse } from './file-response';

const file = (contentType: string) => ({ bytes: new Uint8Array([1, 2, 3]), name: 'Übersicht 2030.pdf', contentType });

describe('public file response', () => {
	it('shows a PDF inline with its name, type and safety headers', async () => {
		const response = publicFileResponse(file('application/pdf'), 'inline');
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-length')).toBe('3');
		expect(response.headers.get('content-disposition')).toBe(
			`inline; filename="_bersicht 2030.pdf"; filename*=UTF-8''${encodeURIComponent('Übersicht 2030.pdf')}`
		);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
	});

	it('offers a download as an attachment, and an office document always as one, sandboxed', () => {
		expect(publicFileResponse(file('application/pdf'), 'attachment').headers.get('content-disposition')).toMatch(
			/^attachment; /
		);
		const docx = publicFileResponse(
			file('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
			'inline'
		);
		expect(docx.headers.get('content-disposition')).toMatch(/^attachment; /);
		expect(docx.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
	});
});
