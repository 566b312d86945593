import { z } from 'zod';
import { formTokenField } from '../common.schema';

/** The import form's fields beside the file; the one-time token makes the same upload sent twice one paper. */
export const importFormSchema = z.object({ title: z.string().trim().max(200).default(''), ...formTokenField });
