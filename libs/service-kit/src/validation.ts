import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Zod issues as the platform's 400 problems: each field's dotted path (under `prefix`) and the reason. */
export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    reason: i.message,
  }));
}

/** The parsed input, or a 400 `{ error, problems }` naming every invalid field. */
export function parseOrBadRequest<T>(schema: z.ZodType<T>, input: unknown, error: string, prefix = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BadRequestException({ error, problems: fieldProblems(result.error, prefix) });
}
