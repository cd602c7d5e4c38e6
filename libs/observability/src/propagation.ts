import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * W3C trace context carried by our own messages: in the envelope's `traceparent` (so it survives the
 * outbox table) and in Kafka and RabbitMQ headers. The messaging library starts its producer and
 * consumer spans here, one per message, because a relay batch mixes messages of many traces — which the
 * kafkajs and amqplib auto-instrumentations (one parent per send call) cannot express.
 */
export type TraceCarrier = Record<string, string | undefined>;

const getter = {
  get: (carrier: TraceCarrier, key: string) => carrier[key],
  keys: (carrier: TraceCarrier) => Object.keys(carrier),
};

/** The active trace context as `traceparent`/`tracestate` entries (empty when nothing is traced). */
export function currentTraceContext(ctx: Context = context.active()): {
  traceparent?: string;
  tracestate?: string;
} {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** What a message must have to carry trace context (an envelope does). */
export interface TraceContextFields {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The message carrying the active trace context, unless it already carries one (a message written
 * inside a traced request stays in that trace when the relay or a consumer picks it up later).
 */
export function stampTraceContext<M extends TraceContextFields>(message: M): M {
  const trace = message.traceparent ? {} : currentTraceContext();
  const stamped = { ...message, ...(trace.traceparent ? trace : {}) };
  if (!stamped.tracestate) delete stamped.tracestate;
  return stamped;
}

export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier, getter) : ROOT_CONTEXT;
}

export interface MessageSpanOptions {
  kind: 'producer' | 'consumer' | 'internal';
  /** Where the parent context comes from (an envelope or message headers); the active context otherwise. */
  parent?: TraceCarrier;
  attributes?: Attributes;
}

const KINDS = { producer: SpanKind.PRODUCER, consumer: SpanKind.CONSUMER, internal: SpanKind.INTERNAL };

export interface MessageSpan {
  span: Span;
  ctx: Context;
  /** `traceparent`/`tracestate` of this span, to put in message headers. */
  headers: Record<string, string>;
  end(error?: unknown): void;
}

/** Starts a span as a child of `parent` (or of the active context); the caller ends it. */
export function startMessageSpan(name: string, options: MessageSpanOptions): MessageSpan {
  const parent = options.parent?.traceparent ? contextFromCarrier(options.parent) : context.active();
  const span = trace
    .getTracer('@sportclub/messaging')
    .startSpan(name, { kind: KINDS[options.kind], attributes: options.attributes }, parent);
  const ctx = trace.setSpan(parent, span);
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  return {
    span,
    ctx,
    headers,
    end(error?: unknown) {
      if (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      }
      span.end();
    },
  };
}

/** Runs `fn` inside a new span (child of `parent` when given), recording failure and always ending it. */
export async function inSpan<T>(
  name: string,
  options: MessageSpanOptions,
  fn: (span: Span, ctx: Context) => Promise<T>,
): Promise<T> {
  const started = startMessageSpan(name, options);
  try {
    const result = await context.with(started.ctx, () => fn(started.span, started.ctx));
    started.end();
    return result;
  } catch (error) {
    started.end(error);
    throw error;
  }
}
