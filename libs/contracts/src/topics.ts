/**
 * Kafka topics the platform owns: one per aggregate, named `<context>.<aggregate>.v<major>`, keyed by
 * aggregate id. Auto-creation is off on the broker, so this registry is the only way a topic comes to be.
 */
export interface TopicSpec {
  readonly name: string;
  readonly owner: ServiceName;
  readonly partitions: number;
}

export const SERVICE_NAMES = [
  'access-gateway',
  'payments',
  'notifications',
  'calendar-sync',
  'video',
  'iot-bridge',
  'erp-etl',
  'partner-sandbox',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const TOPICS: readonly TopicSpec[] = [
  { name: 'access.checkin.v1', owner: 'access-gateway', partitions: 6 },
  { name: 'access.session.v1', owner: 'access-gateway', partitions: 6 },
  { name: 'access.booking.v1', owner: 'access-gateway', partitions: 6 },
  { name: 'payments.wallet.v1', owner: 'payments', partitions: 6 },
  { name: 'payments.payment.v1', owner: 'payments', partitions: 6 },
  { name: 'notifications.delivery.v1', owner: 'notifications', partitions: 3 },
  { name: 'notifications.inbound-message.v1', owner: 'notifications', partitions: 3 },
  { name: 'calendar.connection.v1', owner: 'calendar-sync', partitions: 3 },
  { name: 'calendar.link.v1', owner: 'calendar-sync', partitions: 3 },
  { name: 'video.stream.v1', owner: 'video', partitions: 3 },
  { name: 'video.highlight.v1', owner: 'video', partitions: 3 },
  { name: 'iot.device.v1', owner: 'iot-bridge', partitions: 6 },
  { name: 'erp.flow.v1', owner: 'erp-etl', partitions: 3 },
];

/** Where a topic's poison messages go, with the error attached. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;

/** Every topic the platform provisions: the registry plus one dead-letter topic per entry. */
export function allTopicSpecs(): TopicSpec[] {
  return TOPICS.flatMap((t) => [t, { ...t, name: deadLetterTopic(t.name), partitions: 1 }]);
}
