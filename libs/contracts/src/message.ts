import type { JSONSchema } from 'json-schema-to-ts';
import { buildEnvelope, type Envelope, type EnvelopeInit } from './envelope';
import type { ServiceName } from './topics';

export type MessageKind = 'event' | 'command' | 'reply';

/**
 * One message contract. Events name the Kafka topic of their aggregate; commands and replies name the
 * service whose queue receives them (commands by routing key = type; replies go to the sender's queue).
 */
export interface MessageDefinition<T = unknown> {
  readonly type: string;
  readonly kind: MessageKind;
  readonly summary: string;
  /** Events: their topic. */
  readonly topic?: string;
  /** Commands: the service that owns and handles them. Replies: the service that sends them. */
  readonly service?: ServiceName;
  /** JSON Schema (draft-07) of `data`. */
  readonly schema: Exclude<JSONSchema, boolean>;
  /** Builds a valid envelope of this type (validation still happens on publish). */
  envelope(init: EnvelopeInit<T>): Envelope<T>;
  /** Type-level only: the TypeScript type of `data`. */
  readonly __data?: T;
}

type DefinitionInput = Omit<MessageDefinition, 'envelope' | '__data'>;

export function defineMessage<T>(input: DefinitionInput): MessageDefinition<T> {
  return { ...input, envelope: (init) => buildEnvelope(input.type, init) };
}

/** The data type a definition carries. */
export type DataOf<D> = D extends MessageDefinition<infer T> ? T : never;

export const majorVersion = (type: string): number => Number(/\.v(\d+)$/.exec(type)?.[1] ?? NaN);
