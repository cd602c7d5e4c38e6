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

/** Structured JSON logs; each line carries the active trace and span ids so logs join traces. */
export function loggerParams(service: string, level = 'info'): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin() {
        const span = trace.getSpan(context.active());
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { trace_id: traceId, span_id: spanId };
      },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: (req) => {
        const correlationId = req.headers['x-correlation-id'];
        return correlationId ? { correlation_id: correlationId } : {};
      },
    },
  };
}
