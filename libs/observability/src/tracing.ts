/**
 * OpenTelemetry bootstrap. Call it first in main.ts, before anything it instruments (http, express, pg) is
 * required, so that every inbound request starts or joins a trace. Messages are traced by the messaging
 * library itself, per message, from the envelope's traceparent (see propagation.ts).
 * Spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise they still exist
 * in-process (trace ids in logs and message headers) but leave nowhere.
 *
 * HTTP and Express are instrumented by default. SQL statements are not: a span per statement cost a
 * quarter of the check-in throughput (docs/benchmarks.md). Name the instrumentations to run in
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` (the OpenTelemetry variable, e.g. `http,express,pg`).
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

let sdk: NodeSDK | undefined;

const INSTRUMENTATIONS = {
  http: () =>
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
    }),
  express: () => new ExpressInstrumentation(),
  pg: () => new PgInstrumentation({ requireParentSpan: true }),
};
const DEFAULT_INSTRUMENTATIONS = 'http,express';

/** The instrumentations `OTEL_NODE_ENABLED_INSTRUMENTATIONS` names; throws on a name it does not know. */
export function enabledInstrumentations(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = (env.OTEL_NODE_ENABLED_INSTRUMENTATIONS || DEFAULT_INSTRUMENTATIONS)
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(n in INSTRUMENTATIONS));
  if (unknown.length > 0) {
    throw new Error(
      `OTEL_NODE_ENABLED_INSTRUMENTATIONS: unknown ${unknown.join(', ')} (known: ${Object.keys(INSTRUMENTATIONS).join(', ')})`,
    );
  }
  return names;
}

export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (sdk) return;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    env.OTEL_TRACES_EXPORTER ??= 'none';
  }
  // Metrics are served by Prometheus /metrics and logs go to stdout; the SDK exports traces only.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    instrumentations: enabledInstrumentations(env).map((name) =>
      INSTRUMENTATIONS[name as keyof typeof INSTRUMENTATIONS](),
    ),
  });
  sdk.start();
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
