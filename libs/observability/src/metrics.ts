import { Controller, Get, Header } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** The process-wide Prometheus registry every library registers its metrics in. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
