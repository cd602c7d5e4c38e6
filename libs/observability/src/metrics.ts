import { Controller, Get, Header } from '@nestjs/common';
import { Registry, collectDefaultMetrics, type Metric } from 'prom-client';

/** The process-wide Prometheus registry every library registers its metrics in. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/**
 * The metric registered under `name`, created (and registered) on first use: libraries build their
 * metrics lazily and several instances in one process share them instead of failing on a duplicate.
 */
export function sharedMetric<M extends Metric>(name: string, create: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? create();
}

@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
