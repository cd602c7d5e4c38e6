import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Zod issues as the platform's 400 problems: each field's dotted path (under `prefix`) and the reason. */
/** The reason given for a field the schema does not have (one problem per unknown key). */
export const UNKNOWN_FIELD = 'not a field of this request';

export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  const field = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(body)';
  return error.issues.flatMap((i) =>
    // An unknown key is a problem of that key, not of the object holding it.
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ field: field([...i.path, key]), reason: UNKNOWN_FIELD }))
      : [{ field: field(i.path), reason: i.message }],
  );
}

/** The parsed input, or a 400 `{ error, problems }` naming every invalid field. */
export function parseOrBadRequest<T>(schema: z.ZodType<T>, input: unknown, error: string, prefix = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BadRequestException({ error, problems: fieldProblems(result.error, prefix) });
}
