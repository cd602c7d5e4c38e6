/**
 * Headers a dead-lettered message carries on both brokers, so one operator tool can list, explain and
 * replay them. The body is the original envelope, unchanged.
 */
export const DEAD_LETTER = {
  reason: 'x-dead-letter-reason',
  source: 'x-dead-letter-source',
  consumer: 'x-dead-letter-consumer',
  attempts: 'x-dead-letter-attempts',
  failedAt: 'x-dead-letter-failed-at',
  /** Kafka only: where the message sat in its original topic. */
  partition: 'x-dead-letter-partition',
  offset: 'x-dead-letter-offset',
  /** Kafka only: a marker record in a DLT naming the record (`partition:offset`) that was replayed. */
  replayed: 'x-dead-letter-replayed',
} as const;

/** The largest backoff ceiling of a consumer's retries, in ms. */
export const MAX_RETRY_DELAY_MS = 10_000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const truncate = (text: string, max = 1_000) => (text.length > max ? `${text.slice(0, max)}…` : text);
