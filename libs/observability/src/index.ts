export { startTracing, stopTracing } from './tracing';
export { loggerParams, withCorrelationId, REDACTED_PATHS } from './logging';
export { metricsRegistry, sharedMetric, MetricsController } from './metrics';
export {
  HealthController,
  HealthService,
  HEALTH_INDICATORS,
  type HealthIndicator,
  type ComponentHealth,
  type ReadinessReport,
} from './health';
export * from './propagation';
