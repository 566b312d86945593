import { z } from 'zod';
import { uuidSchema } from '../common.schema';

/** The session to end (one of the person's own; the service refuses any other). */
export const endSessionSchema = z.object({ sessionId: uuidSchema });
