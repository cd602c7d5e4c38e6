import { AsyncLocalStorage } from 'node:async_hooks';
import { context, trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';

/** Paths whose values never reach a log line: credentials, tokens and personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.cardNumber',
  '*.cpf',
  '*.email',
  '*.phone',
];

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
        req: ({ params: _params, ...req }: Record<string, unknown>) => req,
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
