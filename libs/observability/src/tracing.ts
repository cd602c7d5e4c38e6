/**
 * OpenTelemetry bootstrap. Call it first in main.ts, before anything it instruments (http, express, pg) is
 * required, so that every inbound request starts or joins a trace. Messages are traced by the messaging
 * library itself, per message, from the envelope's traceparent (see propagation.ts).
 * Spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise they still exist
 * in-process (trace ids in logs and message headers) but leave nowhere.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

let sdk: NodeSDK | undefined;

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
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
