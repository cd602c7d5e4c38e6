import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  REPLY_CHANNEL_ID,
  buildAsyncApiDocument,
  channelId,
  messageId,
  type AsyncApiDocument,
  type AsyncApiRef,
} from './asyncapi';
import {
  MESSAGES,
  MessageRegistry,
  PaymentsReserveCreditV1,
  SERVICE_NAMES,
  TOPICS,
  commandQueue,
  defineMessage,
  type MessageDefinition,
  type ServiceName,
} from '@sportclub/contracts';
import { ASYNCAPI_FILE, checkProblems, contractsState, renderAsyncApi } from './contract-artifacts';

const messages = MESSAGES as readonly MessageDefinition[];

/**
 * Follows a local JSON pointer (`#/a/b`) inside the document, and on through any `$ref` it lands on (a
 * channel's message is a reference to a component); throws when it does not resolve.
 */
function resolveRef(doc: unknown, ref: string, depth = 0): unknown {
  if (!ref.startsWith('#/')) throw new Error(`not a local reference: ${ref}`);
  if (depth > 10) throw new Error(`${ref}: reference cycle`);
  const target = ref
    .slice(2)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) {
        throw new Error(`${ref} does not resolve (at ${token})`);
      }
      return (node as Record<string, unknown>)[token];
    }, doc);
  const next = (target as { $ref?: unknown } | undefined)?.$ref;
  return typeof next === 'string' ? resolveRef(doc, next, depth + 1) : target;
}

/** Every `$ref` string anywhere in the document. */
function allRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(allRefs);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : allRefs(v)));
}

describe('AsyncAPI document', () => {
  const doc = buildAsyncApiDocument();
  const refTarget = (ref: AsyncApiRef) => resolveRef(doc, ref.$ref);

  it('is an AsyncAPI 3.0.0 document with both brokers as servers', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.info.title).toBe('Sport Tech Club integration platform');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.servers).toEqual({
      kafka: expect.objectContaining({ protocol: 'kafka', host: '127.0.0.1:9092' }),
      rabbitmq: expect.objectContaining({ protocol: 'amqp', host: '127.0.0.1:5672' }),
    });
  });

  it('has every message type exactly once, with the envelope around its data schema', () => {
    const components = Object.values(doc.components.messages);
    expect(components.map((m) => m.name).sort()).toEqual(messages.map((m) => m.type).sort());
    for (const def of messages) {
      const message = doc.components.messages[messageId(def.type)];
      expect(message).toMatchObject({
        name: def.type,
        summary: def.summary,
        contentType: 'application/cloudevents+json',
      });
      const properties = message.payload.properties as Record<string, unknown>;
      expect(properties.type).toEqual({ type: 'string', const: def.type });
      expect(properties.data).toEqual(def.schema);
      expect(message.payload.required).toContain('data');
    }
  });

  it('describes payloads that accept what the registry accepts', () => {
    const registry = new MessageRegistry(messages);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const def = PaymentsReserveCreditV1;
    const envelope = def.envelope({
      source: 'access-gateway',
      subject: 'res-1',
      tenantId: 'club-1',
      data: { reservationId: 'res-1', memberId: 'm-1', amountCentavos: 500, reason: 'court 3' },
    });
    expect(registry.validate(envelope).ok).toBe(true);
    const validate = ajv.compile(doc.components.messages[messageId(def.type)].payload);
    expect(validate(envelope)).toBe(true);
    expect(validate({ ...envelope, type: 'payments.commit-credit.v1' })).toBe(false);
    expect(validate({ ...envelope, data: { ...envelope.data, amountCentavos: 0 } })).toBe(false);
  });

  it('has every Kafka topic as a channel, holding the events of that topic', () => {
    for (const topic of TOPICS) {
      const channel = doc.channels[channelId(topic.name)];
      expect(channel).toMatchObject({
        address: topic.name,
        bindings: { kafka: { topic: topic.name, partitions: topic.partitions } },
      });
      expect(channel.servers).toEqual([{ $ref: '#/servers/kafka' }]);
      const events = messages.filter((m) => m.kind === 'event' && m.topic === topic.name).map((m) => m.type);
      expect(Object.values(channel.messages).map((r) => (refTarget(r) as { name: string }).name)).toEqual(
        events,
      );
    }
  });

  it("puts each command on its owner's quorum queue channel, sent by one operation", () => {
    for (const service of SERVICE_NAMES) {
      expect(doc.channels[channelId(commandQueue(service))]).toMatchObject({
        address: commandQueue(service),
        bindings: { amqp: { is: 'queue', queue: { name: commandQueue(service) } } },
      });
    }
    for (const def of messages.filter((m) => m.kind === 'command')) {
      const chId = channelId(commandQueue(def.service as ServiceName));
      expect(doc.channels[chId].messages[messageId(def.type)]).toBeDefined();
      const ops = Object.values(doc.operations).filter((op) =>
        op.messages.some((r) => (refTarget(r) as { name: string }).name === def.type),
      );
      expect(ops).toHaveLength(1);
      expect(ops[0]).toMatchObject({ action: 'send', channel: { $ref: `#/channels/${chId}` } });
    }
  });

  it('sends every event once, by the owner of its topic, on its topic channel', () => {
    for (const def of messages.filter((m) => m.kind === 'event')) {
      const ops = Object.values(doc.operations).filter((op) =>
        op.messages.some((r) => (refTarget(r) as { name: string }).name === def.type),
      );
      expect(ops).toHaveLength(1);
      const owner = TOPICS.find((t) => t.name === def.topic)?.owner;
      expect(ops[0]).toMatchObject({
        action: 'send',
        channel: { $ref: `#/channels/${channelId(def.topic as string)}` },
        tags: [{ name: owner }],
      });
    }
  });

  it('answers commands on the reply channel with their result message', () => {
    const op = doc.operations[`send${messageId('payments.reserve-credit.v1')}`];
    expect(op.reply?.channel).toEqual({ $ref: `#/channels/${REPLY_CHANNEL_ID}` });
    expect(op.reply?.messages.map((r) => (refTarget(r) as { name: string }).name)).toEqual([
      'payments.reserve-credit.result.v1',
    ]);
    const replies = messages.filter((m) => m.kind === 'reply').map((m) => messageId(m.type));
    expect(Object.keys(doc.channels[REPLY_CHANNEL_ID].messages).sort()).toEqual(replies.sort());
  });

  it("resolves every operation's channel and messages inside the document, and every other $ref", () => {
    for (const [id, op] of Object.entries(doc.operations)) {
      expect(op.action).toMatch(/^(send|receive)$/);
      const channelRef = op.channel.$ref;
      expect(channelRef).toMatch(/^#\/channels\/[^/]+$/);
      expect(refTarget(op.channel)).toBeDefined();
      const messageRefs = [...op.messages, ...(op.reply?.messages ?? [])];
      expect(messageRefs.length).toBeGreaterThan(0);
      for (const ref of op.messages) {
        // AsyncAPI 3: an operation's messages are a subset of its channel's messages.
        expect(ref.$ref.startsWith(`${channelRef}/messages/`)).toBe(true);
        expect(refTarget(ref)).toHaveProperty('name');
      }
      if (op.reply) {
        for (const ref of op.reply.messages) {
          expect(ref.$ref.startsWith(`${op.reply.channel.$ref}/messages/`)).toBe(true);
          expect(refTarget(ref)).toHaveProperty('name');
        }
      }
      expect(id).toMatch(/^[A-Za-z0-9_.-]+$/);
    }
    for (const ref of allRefs(doc)) expect(() => resolveRef(doc, ref)).not.toThrow();
    for (const [id, channel] of Object.entries(doc.channels)) {
      expect(id).toMatch(/^[A-Za-z0-9_.-]+$/);
      for (const ref of Object.values(channel.messages))
        expect(ref.$ref).toMatch(/^#\/components\/messages\//);
    }
  });

  it('survives a YAML round trip unchanged (no anchors or aliases)', () => {
    const text = renderAsyncApi(doc);
    expect(text).not.toMatch(/[&*]a\d+\b/);
    expect(parse(text) as AsyncApiDocument).toEqual(doc);
  });

  it('refuses messages it cannot place', () => {
    const stray = defineMessage({
      type: 'video.clip.ready.v1',
      kind: 'event',
      topic: 'video.clips.v1',
      summary: 'x',
      schema: { type: 'object' },
    });
    expect(() => buildAsyncApiDocument({ messages: [...messages, stray] })).toThrow(
      /unknown topic video.clips.v1/,
    );
    expect(() => buildAsyncApiDocument({ messages: [...messages, messages[0]] })).toThrow(/defined twice/);
  });
});

describe('committed contract artifacts', () => {
  it(`${ASYNCAPI_FILE} and the schema lock are what npm run contracts:asyncapi writes (as contracts:check)`, () => {
    expect(checkProblems(contractsState())).toEqual([]);
  });
});
