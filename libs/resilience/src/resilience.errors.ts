/**
 * How a vendor failure is judged. Two separate questions: is it worth another attempt (transient: network
 * faults, our timeout, 408/429/5xx), and is it evidence the vendor is unhealthy (anything but a 4xx client
 * error: a declined card or a tenant's bad credentials must never open a breaker).
 */

export class ResilienceError extends Error {
  override name = 'ResilienceError';
}

export class CircuitOpenError extends ResilienceError {
  override name = 'CircuitOpenError';

  constructor(
    readonly vendor: string,
    readonly tenant: string,
  ) {
    super(`Circuit for ${vendor} (tenant ${tenant}) is open`);
  }
}

export class CallTimeoutError extends ResilienceError {
  override name = 'CallTimeoutError';

  constructor(
    readonly vendor: string,
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${vendor}.${operation} timed out after ${timeoutMs}ms`);
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

type Loose = {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  statusCode?: unknown;
  response?: unknown;
};

const asObject = (value: unknown): Loose | undefined =>
  typeof value === 'object' && value !== null ? (value as Loose) : undefined;

const isHttpStatus = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;

/** The HTTP status an SDK error carries: `status` (most), `statusCode` (Stripe) or `response.status` (axios, gaxios). */
export function httpStatusOf(error: unknown): number | undefined {
  const e = asObject(error);
  const candidates = [e?.status, e?.statusCode, asObject(e?.response)?.status];
  return candidates.find(isHttpStatus);
}

/** The error and its `cause` chain: fetch (undici) reports network faults as `TypeError: fetch failed` with a coded cause. */
function* causeChain(error: unknown): Generator<Loose> {
  for (let e = asObject(error), depth = 0; e && depth < 5; e = asObject((e as Error).cause), depth++) yield e;
}

/** Default retry classifier: network faults, our own timeout, and HTTP 408, 429 and 5xx. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof CallTimeoutError) return true;
  const status = httpStatusOf(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  for (const e of causeChain(error)) {
    if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /socket hang up/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Failures after which the vendor may have done what was asked: our timeout or the client's (the request
 * went out, no answer came back), a connection dropped mid-exchange, or an HTTP 500/502/504 (the vendor
 * or a gateway in front of it failed while or after handling it). A refused connection, a name that did
 * not resolve, 408, 429 and 503 are not: the request was turned away before it was acted on. A caller
 * of an operation without an idempotency key must not simply run it again after one of these; it has
 * to ask the vendor what happened first (or accept a duplicate).
 */
export function mayHaveReachedVendor(error: unknown): boolean {
  if (error instanceof CallTimeoutError) return true;
  const status = httpStatusOf(error);
  if (status !== undefined) return status === 500 || status === 502 || status === 504;
  for (const e of causeChain(error)) {
    if (typeof e.code === 'string' && AMBIGUOUS_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /socket hang up/i.test(e.message)) return true;
  }
  return false;
}

/** Network failures that can happen after the request was written (axios reports its timeout as ECONNABORTED). */
const AMBIGUOUS_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A 4xx the caller caused (bad request, declined, unauthorized...); 408 and 429 are the vendor pushing back. */
export function isClientError(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
