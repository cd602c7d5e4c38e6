import type { MessageContext } from '@sportclub/messaging';
import type { Flow } from '../domain/flow';

/** The flow a handled message's effects belong to (tenant, correlation, this message as cause). */
export function flowOf(ctx: MessageContext): Flow {
  const { tenantId, correlationId, causationId } = ctx.follow();
  return { tenantId, correlationId, causationId };
}
