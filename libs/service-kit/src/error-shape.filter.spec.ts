import {
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { DomainError, refusal } from './domain-error';
import { ErrorShapeFilter } from './error-shape.filter';

function answer(exception: unknown) {
  let sent: { status: number; body: unknown } | undefined;
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getResponse: () => ({
        status: (status: number) => ({ json: (body: unknown) => (sent = { status, body }) }),
      }),
    }),
  } as unknown as ArgumentsHost;
  new ErrorShapeFilter().catch(exception, host);
  return sent;
}

describe('ErrorShapeFilter', () => {
  it("keeps the platform's own answers and reshapes the framework's", () => {
    expect(answer(new BadRequestException({ error: 'invalid_request', problems: [] }))).toEqual({
      status: 400,
      body: { error: 'invalid_request', problems: [] },
    });
    expect(
      answer(new BadRequestException('Expected double-quoted property name in JSON at position 1')),
    ).toEqual({
      status: 400,
      body: { error: 'invalid_json', reason: expect.stringMatching(/JSON/), field: '(body)' },
    });
    expect(answer(new NotFoundException('Cannot GET /v2/nothing'))).toEqual({
      status: 404,
      body: { error: 'not_found', reason: 'Cannot GET /v2/nothing' },
    });
    expect(answer(new PayloadTooLargeException('request entity too large'))).toMatchObject({
      status: 413,
      body: { error: 'payload_too_large' },
    });
  });

  it('reshapes what the body parser refused before any route ran', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
    });
    expect(answer(tooLarge)).toEqual({
      status: 413,
      body: { error: 'payload_too_large', reason: 'request entity too large' },
    });
    const bad = Object.assign(new SyntaxError('Unexpected token } in JSON'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(answer(bad)).toMatchObject({ status: 400, body: { error: 'invalid_json', field: '(body)' } });
    // strict JSON: `null` parses, but is not an object (body-parser's own words would call it invalid JSON)
    const primitive = Object.assign(new SyntaxError('"null" is not valid JSON'), {
      status: 400,
      type: 'entity.parse.failed',
      body: 'null',
    });
    expect(answer(primitive)).toEqual({
      status: 400,
      body: { error: 'invalid_json', reason: 'the body must be a JSON object, not null', field: '(body)' },
    });
  });

  it("answers a use case's refusal with its kind's status, code, field and details", () => {
    class CourtNotFound extends refusal('not-found', 'court_not_found', 'no such court', 'courtId') {}
    class Busy extends DomainError {
      readonly kind = 'conflict';
      readonly code = 'busy';
      override readonly details = { activeId: 'a-1' };
    }
    expect(answer(new CourtNotFound())).toEqual({
      status: 404,
      body: { error: 'court_not_found', reason: 'no such court', field: 'courtId' },
    });
    expect(answer(new Busy('try later'))).toEqual({
      status: 409,
      body: { error: 'busy', reason: 'try later', activeId: 'a-1' },
    });
  });

  it('answers anything else as a 500 without its details', () => {
    const sent = answer(new Error('relation "secret_table" does not exist'));
    expect(sent).toEqual({ status: 500, body: { error: 'internal_error', reason: expect.any(String) } });
    expect(JSON.stringify(sent)).not.toContain('secret_table');
  });
});
