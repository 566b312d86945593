import { z } from 'zod';
import { formTokenField } from '../common.schema';

export const EXPORT_FORMATS = ['pdf', 'docx', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The export link's `?format=`. */
export const exportSchema = z.object({ format: z.enum(EXPORT_FORMATS) });

/** The import form's fields beside the file; the one-time token makes the same upload sent twice one paper. */
export const importFormSchema = z.object({ title: z.string().trim().max(200).default(''), ...formTokenField });
