import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers that carry one value; a second copy is ambiguous (which one did the guard check?). Every
 * vendor signature, channel and idempotency header a service reads is here (`If-Match` is a list).
 */
const SINGLE_VALUED = new Set([
  'authorization',
  'content-type',
  'content-length',
  'idempotency-key',
  'stripe-signature',
  'x-signature',
  'x-request-id',
  'x-access-signature',
  'x-access-event-id',
  'x-authenticity-token',
  'x-twilio-signature',
  'x-hub-signature-256',
  'mux-signature',
  'i-twilio-idempotency-token',
  'x-idempotency-key',
  'x-goog-channel-id',
  'x-goog-channel-token',
  'x-goog-resource-id',
  'x-goog-resource-state',
  'x-goog-message-number',
]);

export interface StrictRequestOptions {
  /** Path prefixes whose bodies may be form-encoded (a vendor that posts forms, e.g. Twilio). */
  formPaths?: string[];
}

type Problem = { status: number; error: string; field: string; reason: string };

/** What is wrong with a request before any route sees it, if anything. */
export function requestProblem(
  req: Pick<IncomingMessage, 'method' | 'url' | 'rawHeaders' | 'headers'>,
  options: StrictRequestOptions = {},
): Problem | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!SINGLE_VALUED.has(name)) continue;
    if (seen.has(name)) {
      return {
        status: 400,
        error: 'duplicate_header',
        field: name,
        reason: `${name} was sent more than once`,
      };
    }
    seen.add(name);
  }
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '')) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return undefined;
  const path = (req.url ?? '').split('?')[0];
  if (type === 'application/x-www-form-urlencoded' && options.formPaths?.some((p) => path.startsWith(p))) {
    return undefined;
  }
  return {
    status: 415,
    error: 'unsupported_media_type',
    field: 'content-type',
    reason: `the body must be application/json, not ${type || 'untyped'}`,
  };
}

/**
 * Express middleware that refuses, before parsing, a request with a repeated single-valued header (400)
 * or a body that is not JSON (415). Node keeps only the first of two `Authorization` headers, so
 * without this the second would be silently ignored; and a form body would reach a JSON route parsed.
 */
export function strictRequests(options: StrictRequestOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const problem = requestProblem(req, options);
    if (!problem) return next();
    const { status, ...body } = problem;
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify(body));
  };
}
