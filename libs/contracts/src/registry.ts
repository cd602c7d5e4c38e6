import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ENVELOPE_SCHEMA, schemaUri, type Envelope } from './envelope';
import { majorVersion, type MessageDefinition } from './message';
import { MESSAGES } from './messages';
import { TOPICS } from './topics';

export type Validation = { ok: true; envelope: Envelope } | { ok: false; reason: string };

/** Thrown on publish: producing an invalid message is a bug in the producer, never sent. */
export class InvalidMessageError extends Error {
  constructor(readonly reason: string) {
    super(`invalid message: ${reason}`);
    this.name = 'InvalidMessageError';
  }
}

/**
 * The message contracts a process knows, with compiled validators. Producers validate before a message
 * is written; consumers validate before a handler sees it, and dead-letter what fails with the reason.
 */
export class MessageRegistry {
  private readonly byType = new Map<string, MessageDefinition>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly validateEnvelope: ValidateFunction;

  constructor(
    definitions: readonly MessageDefinition[],
    topicNames: readonly string[] = TOPICS.map((t) => t.name),
  ) {
    addFormats(this.ajv);
    this.validateEnvelope = this.ajv.compile(ENVELOPE_SCHEMA);
    const topics = new Set(topicNames);
    for (const def of definitions) {
      if (this.byType.has(def.type)) throw new Error(`message type ${def.type} is defined twice`);
      if (!Number.isInteger(majorVersion(def.type))) throw new Error(`${def.type} lacks a .v<major> suffix`);
      if (def.kind === 'event' && !def.topic) throw new Error(`event ${def.type} names no topic`);
      if (def.kind !== 'event' && !def.service) throw new Error(`${def.kind} ${def.type} names no service`);
      // Commands are routed by type to the `<service>.#` binding of their owner's queue.
      if (def.kind === 'command' && !def.type.startsWith(`${def.service}.`)) {
        throw new Error(`command ${def.type} must start with its service's name (${def.service}.)`);
      }
      if (def.topic && !topics.has(def.topic)) {
        throw new Error(`event ${def.type} names unknown topic ${def.topic}`);
      }
      this.byType.set(def.type, def);
      this.validators.set(def.type, this.ajv.compile({ ...def.schema, $id: schemaUri(def.type) }));
    }
  }

  get(type: string): MessageDefinition | undefined {
    return this.byType.get(type);
  }

  require(type: string): MessageDefinition {
    const def = this.byType.get(type);
    if (!def) throw new InvalidMessageError(`unknown message type ${type}`);
    return def;
  }

  list(): MessageDefinition[] {
    return [...this.byType.values()];
  }

  /** Checks a decoded message: envelope attributes, known type, matching dataschema, then `data`. */
  validate(message: unknown): Validation {
    if (!this.validateEnvelope(message)) {
      return { ok: false, reason: `envelope: ${describe(this.validateEnvelope.errors)}` };
    }
    const envelope = message as Envelope;
    const validator = this.validators.get(envelope.type);
    if (!validator) return { ok: false, reason: `unknown message type ${envelope.type}` };
    if (envelope.dataschema !== schemaUri(envelope.type)) {
      return { ok: false, reason: `dataschema ${envelope.dataschema} does not match type ${envelope.type}` };
    }
    if (!validator(envelope.data)) {
      return { ok: false, reason: `${envelope.type}: ${describe(validator.errors, 'data')}` };
    }
    return { ok: true, envelope };
  }

  /** Validates or throws — what a producer calls. */
  assertValid<T>(message: Envelope<T>): Envelope<T> {
    const result = this.validate(message);
    if (!result.ok) throw new InvalidMessageError(result.reason);
    return message;
  }

  /** Decodes raw bytes from a broker, then validates. */
  decode(raw: Buffer | string | null | undefined): Validation {
    if (raw === null || raw === undefined || raw.length === 0) return { ok: false, reason: 'empty body' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString());
    } catch (error) {
      return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
    }
    return this.validate(parsed);
  }
}

function describe(errors: ErrorObject[] | null | undefined, root = ''): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const path = `${root}${e.instancePath.replace(/\//g, '.')}` || '(root)';
      const extra =
        e.keyword === 'additionalProperties'
          ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
          : e.keyword === 'enum'
            ? ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`
            : '';
      return `${path} ${e.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}

/** The platform's contracts. */
export const messageRegistry = new MessageRegistry(MESSAGES);
