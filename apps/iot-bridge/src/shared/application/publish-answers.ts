import type { DeviceBroker, DeviceReply } from './ports/device-broker.port';

interface Logger {
  warn(message: string): void;
}

/**
 * One round of answer delivery, for any device: the claimed answers are published (QoS 1) in order
 * until the broker fails one, which ends the round — a broker outage only delays answers, the rest
 * stay undelivered for the next round. Returns those the broker took, to be marked delivered.
 */
export async function publishAnswers<T>(
  broker: DeviceBroker,
  claimed: T[],
  reply: (answer: T) => DeviceReply,
  logger: Logger,
): Promise<T[]> {
  const sent: T[] = [];
  for (const answer of claimed) {
    const { topic, message } = reply(answer);
    try {
      await broker.publish(topic, message);
      sent.push(answer);
    } catch (error) {
      logger.warn(`answer on ${topic} not delivered yet: ${(error as Error).message}`);
      break;
    }
  }
  return sent;
}
