import { z } from 'zod';

/** A court's id as clubs name them (`court-1`, `quadra_3`). */
export const courtIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1–64)');
