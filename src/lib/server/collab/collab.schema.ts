import { z } from 'zod';
import { uuidSchema } from '../common.schema';

/** A ticket for a paper's collaboration socket (`POST /api/collab/ticket`). */
export const ticketRequestSchema = z.object({ paperId: uuidSchema });
