import { z } from 'zod';
import { formTokenField } from '../common.schema';

export const EXPORT_FORMATS = ['pdf', 'docx', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Pending suggestions in an export: marked (as Word revisions in DOCX), all accepted, or all rejected. */
export const EXPORT_SUGGESTIONS = ['marked', 'accepted', 'rejected'] as const;
export type ExportSuggestions = (typeof EXPORT_SUGGESTIONS)[number];
/** The export link's `?format=` and `?suggestions=`. */
export const exportSchema = z.object({
	format: z.enum(EXPORT_FORMATS),
	suggestions: z.enum(EXPORT_SUGGESTIONS).default('marked')
});

/** The import form's fields beside the file; the one-time token makes the same upload sent twice one paper. */
export const importFormSchema = z.object({ title: z.string().trim().max(200).default(''), ...formTokenField });
