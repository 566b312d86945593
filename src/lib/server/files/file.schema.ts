import { z } from 'zod';

/** `?version=` of a download: a version number, or none for the newest. */
export const versionParamSchema = z.coerce.number().int().positive().optional();
