import { ROOT_CONTEXT, context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { stampTraceContext } from './propagation';

const active = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};
/** An envelope-like message: its own fields plus the optional trace context. */
type Message = { id: string; traceparent?: string; tracestate?: string };

const inActiveSpan = <T>(fn: () => T): T =>
  context.with(trace.setSpan(ROOT_CONTEXT, trace.wrapSpanContext(active)), fn);

describe('stampTraceContext', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  it('stamps the active trace context on a message that has none', () => {
    const stamped = inActiveSpan(() => stampTraceContext<Message>({ id: 'm-1' }));
    expect(stamped).toEqual({ id: 'm-1', traceparent: `00-${active.traceId}-${active.spanId}-01` });
  });

  it("keeps a message's own trace context (it was written inside another trace)", () => {
    const own = '00-11111111111111111111111111111111-2222222222222222-01';
    const stamped = inActiveSpan(() =>
      stampTraceContext<Message>({ id: 'm-2', traceparent: own, tracestate: 'a=1' }),
    );
    expect(stamped).toEqual({ id: 'm-2', traceparent: own, tracestate: 'a=1' });
  });

  it('leaves a message untraced outside any trace, without an empty tracestate', () => {
    expect(stampTraceContext<Message>({ id: 'm-3', tracestate: '' })).toEqual({ id: 'm-3' });
  });
});
