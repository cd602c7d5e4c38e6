import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry, sharedMetric } from '@sportclub/observability';

export type CallOutcome = 'success' | 'failure' | 'timeout' | 'rejected';

/** Registered once per registry and shared by every caller; tenant stays out of the histogram (cardinality). */
export function vendorMetrics() {
  return {
    duration: sharedMetric(
      'vendor_call_duration_seconds',
      () =>
        new Histogram<'vendor' | 'operation' | 'outcome'>({
          name: 'vendor_call_duration_seconds',
          help: 'Duration of each attempt of an outbound vendor call, by outcome (success|failure|timeout|rejected)',
          labelNames: ['vendor', 'operation', 'outcome'],
          buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers: [metricsRegistry],
        }),
    ),
    retries: sharedMetric(
      'vendor_call_retries_total',
      () =>
        new Counter<'vendor' | 'operation'>({
          name: 'vendor_call_retries_total',
          help: 'Retries of outbound vendor calls after a retriable error',
          labelNames: ['vendor', 'operation'],
          registers: [metricsRegistry],
        }),
    ),
    state: sharedMetric(
      'circuit_breaker_state',
      () =>
        new Gauge<'vendor' | 'tenant'>({
          name: 'circuit_breaker_state',
          help: 'Circuit breaker state per vendor and tenant (0 closed, 1 half-open, 2 open)',
          labelNames: ['vendor', 'tenant'],
          registers: [metricsRegistry],
        }),
    ),
  };
}

export type VendorMetrics = ReturnType<typeof vendorMetrics>;
