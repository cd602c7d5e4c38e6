import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { eventually } from '@sportclub/testing';
import { messagingHarness, type Harness } from '../support/harness';

describe('one trace across producer, outbox relay, broker and consumer', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  let h: Harness;
  const handlerTraces: string[] = [];

  beforeAll(async () => {
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    h = await messagingHarness('tracing');
    const seeTrace = () => handlerTraces.push(trace.getActiveSpan()?.spanContext().traceId ?? 'none');
    await h.eventConsumer(async () => seeTrace());
    await h.commandConsumer(async () => seeTrace());
    h.relay({ direct: true }).start();
  });
  afterAll(async () => {
    await h.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('links the business span, the relay publish, and the handler of a Kafka event and a RabbitMQ command', async () => {
    const tracer = trace.getTracer('test');
    const rootIds = await tracer.startActiveSpan('POST /v1/items', async (root) => {
      await h.inTransaction(async (m) => {
        await h.outbox.publish(m, h.envelope({ itemId: 'traced', seq: 1 }));
        await h.outbox.publish(
          m,
          h.RecordItem.envelope({
            source: 'payments',
            subject: 'traced',
            tenantId: 'club-aurora',
            data: { itemId: 'traced', seq: 2 },
          }),
        );
      });
      root.end();
      return root.spanContext();
    });
    await eventually(() => handlerTraces.length === 2, 'both handled', 30_000);
    expect(handlerTraces).toEqual([rootIds.traceId, rootIds.traceId]);

    const spans = exporter.getFinishedSpans();
    const byName = (prefix: string) => spans.filter((s) => s.name.startsWith(prefix));
    const publishes = byName('publish ');
    const processes = byName('process ');
    expect(publishes.map((s) => s.name).sort()).toEqual(
      [`publish ${h.RecordItem.type}`, `publish ${h.topic}`].sort(),
    );
    expect(processes).toHaveLength(2);
    for (const p of publishes) {
      expect(p.spanContext().traceId).toBe(rootIds.traceId);
      expect(p.parentSpanContext?.spanId).toBe(rootIds.spanId);
    }
    for (const c of processes) {
      expect(c.spanContext().traceId).toBe(rootIds.traceId);
      expect(publishes.map((p) => p.spanContext().spanId)).toContain(c.parentSpanContext?.spanId);
    }
    // The handler's database work belongs to the same trace as well (it ran inside the consumer span).
    expect(spans.every((s) => s.spanContext().traceId === rootIds.traceId)).toBe(true);
  });
});
