import PDFDocument from 'pdfkit';

/** A small PDF with a title and paragraphs (the demo board's attached documents). */
export function demoPdf(title: string, paragraphs: string[]): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Creator: 'Beirat (Demo)' } });
		const chunks: Buffer[] = [];
		pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
		pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		pdf.on('error', reject);
		pdf.font('Helvetica-Bold').fontSize(18).text(title);
		pdf.moveDown();
		for (const text of paragraphs) pdf.font('Helvetica').fontSize(11).text(text).moveDown(0.6);
		pdf.end();
	});
}

/** The demo files: file name, agenda item (null: the library), title and text. */
export const DEMO_FILES: { fileName: string; itemId: string | null; title: string; paragraphs: string[] }[] = [
	{
		fileName: 'Fachkräftemonitor Hamm 2026.pdf',
		itemId: '00000000-0000-4000-8000-0000000a0104',
		title: 'Fachkräftemonitor Hamm 2026',
		paragraphs: [
			'Engpassberufe: Berufskraftfahrer, Pflegefachkräfte, Elektroniker und Fachkräfte für Lagerlogistik.',
			'Bis 2030 gehen rund 9.000 Beschäftigte in den Ruhestand; rund 600 Ausbildungsstellen blieben 2025 unbesetzt.'
		]
	},
	{
		fileName: 'Gründungsbericht 2026.pdf',
		itemId: '00000000-0000-4000-8000-0000000a0203',
		title: 'Gründungsbericht Hamm 2026',
		paragraphs: [
			'Das Gründerzentrum am Bahnhof hat im ersten Jahr 64 Gründungsteams beraten, davon 9 aus der Hochschule.'
		]
	},
	{
		fileName: 'Stellenprofil Referentin Referent Geschäftsstelle.pdf',
		itemId: '00000000-0000-4000-8000-0000000a0206',
		title: 'Stellenprofil Referentin/Referent der Geschäftsstelle',
		paragraphs: ['Vertraulich: Entgeltgruppe 12 TVöD, Besetzung zum 1. März, Auswahlgespräche in der 7. Kalenderwoche.']
	},
	{
		fileName: 'Wirtschaftsstrategie Hamm 2030 – Kurzfassung.pdf',
		itemId: null,
		title: 'Wirtschaftsstrategie Hamm 2030 – Kurzfassung',
		paragraphs: [
			'Fünf Handlungsfelder: Innovation und Gründungen, Fachkräftesicherung, Flächen, Energie und Klima, Innenstadt.'
		]
	}
];
