import { ServiceUnavailableException } from '@nestjs/common';
import type { Envelope } from '@sportclub/contracts';
import { RequestTimeoutError, type CommandClient } from '@sportclub/messaging';

/**
 * Forwards a query or command to the service that owns it (RabbitMQ request/reply) and answers its
 * reply; a service that does not answer in time is a 503 naming it.
 */
export async function forward<R>(
  commands: CommandClient,
  command: Envelope,
  service: string,
  timeoutMs = 5_000,
): Promise<Envelope<R>> {
  try {
    return await commands.request<R>(command, timeoutMs);
  } catch (error) {
    if (error instanceof RequestTimeoutError) {
      throw new ServiceUnavailableException({
        error: `${service.replace(/-/g, '_')}_unavailable`,
        reason: `${service} did not answer in time`,
      });
    }
    throw error;
  }
}
