import type { ScopedDb } from '../db/scoped';
import { forbidden, notFound } from '../errors';
import { allowed, type BoardContext } from '../boards/policy';
import { toPdf } from '../export/pdf';
import { toDocx } from '../export/docx';
import { berlinDay } from '$lib/format';
import { translate, type Locale } from '$lib/i18n';
import { readMap } from './strategy.service';
import { strategyReport } from './strategy-report';

// The progress report as PDF (for the board book) and DOCX, for the whole strategy or one field (#16).

export interface StrategyReportServiceDeps {
	db: ScopedDb;
	now?: () => Date;
}

export function createStrategyReportService({ db, now = () => new Date() }: StrategyReportServiceDeps) {
	return {
		async report(input: { board: BoardContext; fieldId?: string; format: 'pdf' | 'docx'; locale: Locale }) {
			const { board, fieldId, locale } = input;
			if (!allowed(board, 'strategy.read')) throw forbidden();
			const fields = await db.run((tx) => readMap(tx, { boardId: board.id, fieldId }));
			if (fieldId && fields.length === 0) throw notFound();
			const title = fieldId
				? translate(locale, 'strategy.report.fieldTitle', { field: fields[0]!.title })
				: translate(locale, 'strategy.report.title', { board: board.name });
			const doc = strategyReport({ title, fields, locale, madeOn: berlinDay(now()) });
			const bytes = input.format === 'pdf' ? await toPdf({ title, doc }) : await toDocx({ title, doc });
			return { title, bytes };
		}
	};
}
