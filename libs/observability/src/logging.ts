import { AsyncLocalStorage } from 'node:async_hooks';
import { context, trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';

/** Paths whose values never reach a log line: credentials, tokens and personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  // Google's push channel token: whoever has it can make the service read a calendar back.
  'req.headers["x-goog-channel-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  // A camera's live stream key (iot-bridge.set-camera-stream): whoever has it can broadcast as the court.
  '*.streamKey',
  '*.cardNumber',
  '*.cpf',
  '*.email',
  '*.phone',
];

/** Query parameters that carry credentials: OAuth codes and states, tokens. */
const SECRET_QUERY = new Set(['code', 'state', 'token', 'access_token', 'refresh_token', 'id_token']);
const SECRET_QUERY_IN_URL = /([?&](?:code|state|token|access_token|refresh_token|id_token)=)[^&#]*/gi;
/** A run of 43+ base64url characters: 32 random bytes or more, a secret in a path (a feed's URL). */
const SECRET_PATH_RUN = /[A-Za-z0-9_-]{43,}/g;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A URL as a log line may keep it: secret query values and secret-looking path runs replaced. */
export function hideUrlSecrets(url: string): string {
  const [path, ...rest] = url.split('?');
  const query = rest.length > 0 ? `?${rest.join('?')}` : '';
  return path.replace(SECRET_PATH_RUN, '[secret]') + query.replace(SECRET_QUERY_IN_URL, '$1[redacted]');
}

function hideQuerySecrets(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, SECRET_QUERY.has(k.toLowerCase()) ? '[redacted]' : v]),
  );
}

const correlation = new AsyncLocalStorage<string>();

/** Runs `fn` with a business-flow id that every log line written inside it carries. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return correlation.run(correlationId, fn);
}

/**
 * Structured JSON logs; each line carries the active trace and span ids so logs join traces, and the
 * correlation id of the message being handled (or of the HTTP request's x-correlation-id header).
 */
export function loggerParams(service: string, level = 'info'): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        // The request's `params` are the logger's own catch-all match (a copy of the path in `url`):
        // left out, so a service that hides a secret in a logged URL (`originalUrl`) hides it once.
        req: ({ params: _params, ...req }: Record<string, unknown>) => ({
          ...req,
          ...(typeof req.url === 'string' && { url: hideUrlSecrets(req.url) }),
          ...(isRecord(req.query) && { query: hideQuerySecrets(req.query) }),
        }),
      },
      mixin() {
        const span = trace.getSpan(context.active());
        const correlationId = correlation.getStore();
        return {
          ...(span ? { trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId } : {}),
          ...(correlationId ? { correlation_id: correlationId } : {}),
        };
      },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: (req) => {
        const correlationId = req.headers['x-correlation-id'];
        return correlationId ? { correlation_id: correlationId } : {};
      },
    },
  };
}
