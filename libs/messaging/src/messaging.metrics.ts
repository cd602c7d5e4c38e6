import { Counter, Gauge } from 'prom-client';
import { metricsRegistry, sharedMetric } from '@sportclub/observability';

/** Every message taken off a broker, by what became of it. */
export const messagesConsumed = sharedMetric(
  'messages_consumed_total',
  () =>
    new Counter({
      name: 'messages_consumed_total',
      help: 'Messages taken off a broker: handled, duplicate (inbox), failed_attempt, dead_lettered, invalid',
      labelNames: ['transport', 'type', 'outcome'],
      registers: [metricsRegistry],
    }),
);

/**
 * Records behind the end of each subscribed topic for this service's consumer group, read from the
 * broker at scrape time.
 */
export function registerConsumerLag(read: () => Promise<Record<string, number>>): void {
  const name = 'kafka_consumer_lag';
  if (metricsRegistry.getSingleMetric(name)) metricsRegistry.removeSingleMetric(name);
  new Gauge({
    name,
    help: 'Records not yet committed by this service, per topic',
    labelNames: ['topic'],
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const [topic, lag] of Object.entries(await read().catch(() => ({})))) this.set({ topic }, lag);
    },
  });
}
