import {
  COMMAND_DLX,
  COMMAND_EXCHANGE,
  ENVELOPE_SCHEMA,
  MAX_COMMAND_DELIVERIES,
  MESSAGES,
  SERVICE_NAMES,
  TOPICS,
  commandDeadLetterQueue,
  commandQueue,
  deadLetterTopic,
  schemaUri,
  type MessageDefinition,
  type ServiceName,
  type TopicSpec,
} from '@sportclub/contracts';

/**
 * The platform's AsyncAPI 3.0.0 document, derived from the contracts (MESSAGES, TOPICS and the command
 * queue helpers) and nothing else, so it cannot drift from what services validate. Pure: the CLI
 * (`npm run contracts:asyncapi`) writes it to docs/asyncapi.yaml and `npm run contracts:check` fails
 * when the committed file differs.
 */

export const ASYNCAPI_TITLE = 'Sport Tech Club integration platform';
/** The version of the platform's contract set the document describes. */
export const ASYNCAPI_DOCUMENT_VERSION = '0.1.0';
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';
/** The channel replies travel on: whatever queue the command's reply-to names. */
export const REPLY_CHANNEL_ID = 'commandReplies';

const KAFKA_BINDING_VERSION = '0.5.0';
const AMQP_BINDING_VERSION = '0.3.0';

export interface AsyncApiRef {
  $ref: string;
}

export interface AsyncApiServer {
  host: string;
  protocol: string;
  protocolVersion?: string;
  description?: string;
}

export interface AsyncApiChannel {
  /** `null`: the address is only known at runtime (replies). */
  address: string | null;
  title?: string;
  description?: string;
  servers?: AsyncApiRef[];
  messages: Record<string, AsyncApiRef>;
  bindings?: Record<string, unknown>;
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: AsyncApiRef;
  title?: string;
  summary?: string;
  description?: string;
  tags?: { name: string }[];
  messages: AsyncApiRef[];
  reply?: {
    address?: { location: string; description?: string };
    channel: AsyncApiRef;
    messages: AsyncApiRef[];
  };
  bindings?: Record<string, unknown>;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType: string;
  tags?: { name: string }[];
  correlationId?: { location: string; description?: string };
  payload: Record<string, unknown>;
  bindings?: Record<string, unknown>;
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, AsyncApiMessage> };
}

export interface AsyncApiSources {
  messages?: readonly MessageDefinition[];
  topics?: readonly TopicSpec[];
  services?: readonly ServiceName[];
}

/** `payments.charge-top-up.result.v1` → `PaymentsChargeTopUpResultV1` (the message's exported name). */
export const messageId = (type: string): string => words(type).map(capitalize).join('');
/** `access.checkin.v1` → `accessCheckinV1`, `payments.commands` → `paymentsCommands`. */
export const channelId = (address: string): string =>
  words(address)
    .map((w, i) => (i === 0 ? w : capitalize(w)))
    .join('');
/** The reply a command answers with, by convention: `<service>.<command>.result.v<major>`. */
export const replyTypeOf = (commandType: string): string => commandType.replace(/\.(v\d+)$/, '.result.$1');

export function buildAsyncApiDocument(sources: AsyncApiSources = {}): AsyncApiDocument {
  const messages = sources.messages ?? (MESSAGES as readonly MessageDefinition[]);
  const topics = sources.topics ?? TOPICS;
  const services = sources.services ?? SERVICE_NAMES;
  const byType = new Map<string, MessageDefinition>();
  for (const def of messages) {
    if (byType.has(def.type)) throw new Error(`message type ${def.type} is defined twice`);
    byType.set(def.type, def);
  }

  const doc: AsyncApiDocument = {
    asyncapi: '3.0.0',
    info: {
      title: ASYNCAPI_TITLE,
      version: ASYNCAPI_DOCUMENT_VERSION,
      description: [
        'Events and commands between the Sport Tech Club services, generated from libs/contracts.',
        '',
        `Events go to Kafka, one topic per aggregate keyed by aggregate id; each topic has a dead-letter topic \`<topic>.dlt\`.`,
        `Commands go to RabbitMQ: published to the topic exchange \`${COMMAND_EXCHANGE}\` with the message type as routing key, into the owning service's quorum queue \`<service>.commands\` (dead letters: \`<service>.commands.dlq\`); replies go through the default exchange to the queue named in the command's reply-to.`,
        '',
        'Every message travels in a CloudEvents 1.0 structured-mode envelope; `data` is the message-specific part. Within one major version (`.v1`) a schema only ever gains optional properties; anything else is a new type with the next major.',
      ].join('\n'),
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    servers: {
      kafka: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Kafka (local development broker).' },
      rabbitmq: {
        host: '127.0.0.1:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ (local development broker).',
      },
    },
    channels: {},
    operations: {},
    components: { messages: {} },
  };

  const addChannel = (id: string, channel: AsyncApiChannel) => {
    if (doc.channels[id]) throw new Error(`two channels map to the id ${id}`);
    doc.channels[id] = channel;
  };
  const addOperation = (id: string, operation: AsyncApiOperation) => {
    if (doc.operations[id]) throw new Error(`two operations map to the id ${id}`);
    doc.operations[id] = operation;
  };
  /** Adds the message to the channel and returns the channel-local $ref operations must use. */
  const attach = (chId: string, def: MessageDefinition): AsyncApiRef => {
    const id = messageId(def.type);
    doc.channels[chId].messages[id] = { $ref: `#/components/messages/${id}` };
    return { $ref: `#/channels/${chId}/messages/${id}` };
  };

  for (const def of messages) {
    const id = messageId(def.type);
    if (doc.components.messages[id]) throw new Error(`two message types map to the id ${id}`);
    doc.components.messages[id] = messageObject(def);
  }

  // Kafka: one channel per topic, one send operation per event by the topic's owner.
  const topicChannel = new Map<string, string>();
  for (const topic of topics) {
    const id = channelId(topic.name);
    addChannel(id, {
      address: topic.name,
      title: topic.name,
      description: `Kafka topic owned by ${topic.owner}, keyed by aggregate id (the envelope subject). Poison messages go to ${deadLetterTopic(topic.name)}.`,
      servers: [{ $ref: '#/servers/kafka' }],
      messages: {},
      bindings: {
        kafka: { topic: topic.name, partitions: topic.partitions, bindingVersion: KAFKA_BINDING_VERSION },
      },
    });
    topicChannel.set(topic.name, id);
  }
  const ownerOf = new Map(topics.map((t) => [t.name, t.owner]));
  for (const def of messages.filter((m) => m.kind === 'event')) {
    const chId = def.topic === undefined ? undefined : topicChannel.get(def.topic);
    if (def.topic === undefined || chId === undefined) {
      throw new Error(`event ${def.type} names unknown topic ${def.topic}`);
    }
    const owner = ownerOf.get(def.topic) as ServiceName;
    addOperation(`send${messageId(def.type)}`, {
      action: 'send',
      channel: { $ref: `#/channels/${chId}` },
      title: `${owner} publishes ${def.type}`,
      summary: def.summary,
      tags: [{ name: owner }],
      messages: [attach(chId, def)],
    });
  }

  // RabbitMQ: one channel per service command queue, one for replies, one send operation per command.
  const queueChannel = new Map<string, string>();
  for (const service of services) {
    const queue = commandQueue(service);
    const id = channelId(queue);
    addChannel(id, {
      address: queue,
      title: queue,
      description: `Command queue of ${service}: quorum queue bound to the \`${COMMAND_EXCHANGE}\` topic exchange with \`${service}.#\`. After ${MAX_COMMAND_DELIVERIES} deliveries a message is dead-lettered through \`${COMMAND_DLX}\` to \`${commandDeadLetterQueue(service)}\`.`,
      servers: [{ $ref: '#/servers/rabbitmq' }],
      messages: {},
      bindings: {
        amqp: {
          is: 'queue',
          queue: { name: queue, durable: true, exclusive: false, autoDelete: false, vhost: '/' },
          'x-arguments': {
            'x-queue-type': 'quorum',
            'x-delivery-limit': MAX_COMMAND_DELIVERIES,
            'x-dead-letter-exchange': COMMAND_DLX,
            'x-dead-letter-routing-key': commandDeadLetterQueue(service),
          },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    });
    queueChannel.set(service, id);
  }
  addChannel(REPLY_CHANNEL_ID, {
    address: null,
    title: 'Command replies',
    description:
      "The queue named in the command's reply-to property (the sender's own queue), reached through the default exchange; correlated by the command's correlation id.",
    servers: [{ $ref: '#/servers/rabbitmq' }],
    messages: {},
  });

  const repliesSent = new Set<string>();
  for (const def of messages.filter((m) => m.kind === 'command')) {
    const chId = def.service === undefined ? undefined : queueChannel.get(def.service);
    if (def.service === undefined || chId === undefined) {
      throw new Error(`command ${def.type} names unknown service ${def.service}`);
    }
    const reply = byType.get(replyTypeOf(def.type));
    const operation: AsyncApiOperation = {
      action: 'send',
      channel: { $ref: `#/channels/${chId}` },
      title: `Send ${def.type} to ${def.service}`,
      summary: def.summary,
      description: `Published to the \`${COMMAND_EXCHANGE}\` exchange with routing key \`${def.type}\`; handled by ${def.service}.`,
      tags: [{ name: def.service }],
      messages: [attach(chId, def)],
      bindings: {
        amqp: {
          cc: [def.type],
          deliveryMode: 2,
          mandatory: true,
          timestamp: true,
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    };
    if (reply?.kind === 'reply') {
      operation.reply = {
        address: {
          location: '$message.header#/replyTo',
          description: "The command's AMQP reply-to property.",
        },
        channel: { $ref: `#/channels/${REPLY_CHANNEL_ID}` },
        messages: [attach(REPLY_CHANNEL_ID, reply)],
      };
      repliesSent.add(reply.type);
    }
    addOperation(`send${messageId(def.type)}`, operation);
  }
  // A reply no command names by convention still gets documented, sent by its service.
  for (const def of messages.filter((m) => m.kind === 'reply' && !repliesSent.has(m.type))) {
    if (def.service === undefined) throw new Error(`reply ${def.type} names no service`);
    addOperation(`send${messageId(def.type)}`, {
      action: 'send',
      channel: { $ref: `#/channels/${REPLY_CHANNEL_ID}` },
      title: `${def.service} replies with ${def.type}`,
      summary: def.summary,
      tags: [{ name: def.service }],
      messages: [attach(REPLY_CHANNEL_ID, def)],
    });
  }
  return doc;
}

function messageObject(def: MessageDefinition): AsyncApiMessage {
  const message: AsyncApiMessage = {
    name: def.type,
    title: def.type,
    summary: def.summary,
    contentType: CLOUDEVENTS_CONTENT_TYPE,
    tags: [{ name: def.kind }],
    correlationId: {
      location: '$message.payload#/correlationid',
      description: 'Shared by every message of one business flow.',
    },
    payload: envelopeSchemaFor(def),
  };
  if (def.kind === 'event') {
    message.bindings = {
      kafka: {
        key: { type: 'string', description: 'The aggregate id (the envelope subject).' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    };
  }
  return message;
}

/** The envelope schema with `type` and `dataschema` fixed to the message's and `data` its own schema. */
export function envelopeSchemaFor(def: Pick<MessageDefinition, 'type' | 'schema'>): Record<string, unknown> {
  const { $id: _id, ...envelope } = plain(ENVELOPE_SCHEMA);
  const properties = envelope.properties as Record<string, unknown>;
  return {
    ...envelope,
    properties: {
      ...properties,
      type: { type: 'string', const: def.type },
      dataschema: { type: 'string', const: schemaUri(def.type) },
      data: plain(def.schema),
    },
  };
}

/** A fresh JSON copy: no shared or frozen objects end up in the document. */
const plain = <T>(value: T): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const words = (s: string): string[] => s.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
