import { randomUUID } from 'node:crypto';

/**
 * The one envelope every Kafka event and RabbitMQ command travels in. Attribute names follow CloudEvents
 * 1.0 (extension attributes are lower-case without separators, hence `tenantid`, `correlationid`).
 */
export interface Envelope<T = unknown> {
  specversion: '1.0';
  /** Unique per message; consumers deduplicate on it. */
  id: string;
  /** `<context>.<aggregate>.<fact>.v<major>` for events, `<service>.<command>.v<major>` for commands. */
  type: string;
  /** The producing service, as `/sportclub/<service>`. */
  source: string;
  time: string;
  /** The aggregate id; Kafka orders messages per subject. */
  subject: string;
  tenantid: string;
  /** Shared by every message of one business flow (a check-in and all it causes). */
  correlationid: string;
  /** The id of the message whose handling produced this one. */
  causationid?: string;
  /** W3C trace context of the producer, so one flow is one trace across brokers. */
  traceparent?: string;
  tracestate?: string;
  dataschema: string;
  datacontenttype: 'application/json';
  data: T;
}

export const schemaUri = (type: string): string => `urn:sportclub:schema:${type}`;
export const sourceUri = (service: string): string => `/sportclub/${service}`;

/** JSON Schema of the envelope itself; `data` is checked against the message's own schema. */
export const ENVELOPE_SCHEMA = {
  $id: 'urn:sportclub:schema:envelope',
  type: 'object',
  required: [
    'specversion',
    'id',
    'type',
    'source',
    'time',
    'subject',
    'tenantid',
    'correlationid',
    'dataschema',
    'datacontenttype',
    'data',
  ],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', pattern: '^[a-z][a-z-]*(\\.[a-z][a-z0-9-]*)+\\.v[1-9][0-9]*$' },
    source: { type: 'string', pattern: '^/sportclub/[a-z-]+$' },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string', minLength: 1, maxLength: 200 },
    tenantid: { type: 'string', minLength: 1, maxLength: 100 },
    correlationid: { type: 'string', minLength: 1, maxLength: 200 },
    causationid: { type: 'string', minLength: 1, maxLength: 200 },
    traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    tracestate: { type: 'string', maxLength: 512 },
    dataschema: { type: 'string' },
    datacontenttype: { const: 'application/json' },
    data: {},
  },
  additionalProperties: false,
} as const;

export interface EnvelopeInit<T> {
  source: string;
  subject: string;
  tenantId: string;
  data: T;
  /** Defaults to a new flow; pass the incoming message's to stay in its flow. */
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  id?: string;
  time?: Date;
}

export function buildEnvelope<T>(type: string, init: EnvelopeInit<T>): Envelope<T> {
  const id = init.id ?? randomUUID();
  const envelope: Envelope<T> = {
    specversion: '1.0',
    id,
    type,
    source: sourceUri(init.source),
    time: (init.time ?? new Date()).toISOString(),
    subject: init.subject,
    tenantid: init.tenantId,
    correlationid: init.correlationId ?? id,
    dataschema: schemaUri(type),
    datacontenttype: 'application/json',
    data: init.data,
  };
  if (init.causationId) envelope.causationid = init.causationId;
  if (init.traceparent) envelope.traceparent = init.traceparent;
  return envelope;
}
