import { BadRequestException, applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { createZodDto, createZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { fieldProblems } from '@sportclub/service-kit';

/**
 * Every route's body, path and query are one zod schema each (a nestjs-zod DTO): the same schema
 * validates the request and describes it in the OpenAPI document. An invalid request answers 400
 * `{ error: 'invalid_request', problems: [{ field, reason }] }` naming every bad field at once.
 */
export const GatewayValidationPipe = createZodValidationPipe({
  createValidationException: (error) =>
    new BadRequestException({ error: 'invalid_request', problems: fieldProblems(error as z.ZodError) }),
});

/** The platform's error answer. */
const errorSchema = z.object({
  error: z.string().describe('stable snake_case code'),
  reason: z.string().optional(),
  field: z.string().optional(),
  problems: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});
export class ErrorDto extends createZodDto(errorSchema) {}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid request (problems[] name every bad field)',
  401: 'missing, invalid or expired access token',
  403: "the caller's roles do not allow this route, or the membership is suspended",
  404: 'unknown here (another club, or another member)',
  409: 'conflicts with the current state',
  413: 'body too large',
  415: 'the body is not application/json',
  422: 'understood but refused',
  429: 'rate limit of the member or club reached (Retry-After)',
  502: 'a partner did not do it',
  503: 'the owning service did not answer in time',
};

/** Documents the error answers of a route (or of every route of a controller) with the error schema. */
export function ApiErrors(...entries: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...entries.map((e) => {
      const [status, description] = typeof e === 'number' ? [e, DEFAULT_DESCRIPTIONS[e]] : e;
      return ApiResponse({ status, description, type: ErrorDto });
    }),
  );
}

/** Member ids are Keycloak subjects, or a club's own ids for imported members. */
export const memberIdSchema = z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters');
