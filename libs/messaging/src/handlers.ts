import { Catch, UseFilters, applyDecorators, type RpcExceptionFilter } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { MessageDefinition } from '@sportclub/contracts';

export const KAFKA_TRANSPORT = Symbol('kafka-events');
export const RABBIT_TRANSPORT = Symbol('rabbitmq-commands');

/**
 * Nest turns a handler's error into a generic "Internal server error"; our transports need the real
 * error to decide on retries and to attach it to the dead letter, so it is passed through untouched.
 */
@Catch()
class PassErrorsToTransport implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** Handlers take `(envelope, ctx: MessageContext)` without having to decorate their parameters. */
const envelopeAndContext: MethodDecorator = (target, key) => {
  Payload()(target, key, 0);
  Ctx()(target, key, 1);
};

/**
 * Declares a handler for a domain event. The service's Kafka consumer subscribes to the event's topic;
 * the method receives `(envelope, ctx: MessageContext)` inside the inbox transaction.
 */
export function OnEvent(definition: MessageDefinition<never> | MessageDefinition): MethodDecorator {
  if (definition.kind !== 'event') throw new Error(`${definition.type} is not an event`);
  return applyDecorators(
    EventPattern(definition.type, KAFKA_TRANSPORT),
    UseFilters(new PassErrorsToTransport()),
    envelopeAndContext,
  );
}

export interface OnCommandOptions {
  /**
   * The handler only reads and writes the service's database (no vendor or HTTP call), so commands
   * waiting together may share one transaction: one commit and one inbox insert for the lot. A batch
   * that fails is rolled back and its commands are handled one by one.
   */
  batched?: boolean;
  /**
   * The handler calls a vendor (an HTTP API): it runs outside any database transaction, so no
   * connection is held across the call, and its reply is recorded with the command's inbox row in one
   * short transaction afterwards. `ctx.manager` is therefore unavailable (reading or writing it throws);
   * the handler opens its own short transactions when it must write. The call must be idempotent (keyed
   * by something the command carries): a crash after the call and before the record runs it again.
   * A command of such a handler that this service sends itself runs in this process right after the
   * commit that wrote it — a local durable step with no broker hop; its outbox row is the record that it
   * is still due, and the relay's sweep runs it again if this process dies first.
   */
  callsVendor?: boolean;
  /**
   * The command carries secrets (a vendor credential): one that cannot be handled is dead-lettered with
   * its data replaced by `{ "redacted": true }` — its type, ids, tenant, reason and attempts are kept for
   * the operator, so no dead-letter queue holds the secret in clear. (A request answered late is not
   * replayed anyway: its requester has timed out.)
   */
  carriesSecrets?: boolean;
}

/**
 * Declares a handler for a command (or a reply arriving on the service's queue). A command handler may
 * return the reply envelope: it is written to the outbox in the same transaction, addressed to the
 * sender's reply queue.
 */
export function OnCommand(
  definition: MessageDefinition<never> | MessageDefinition,
  options: OnCommandOptions = {},
): MethodDecorator {
  if (definition.kind === 'event') throw new Error(`${definition.type} is an event: use @OnEvent`);
  return applyDecorators(
    MessagePattern(definition.type, RABBIT_TRANSPORT, handlerExtras(definition.type, options)),
    UseFilters(new PassErrorsToTransport()),
    envelopeAndContext,
  );
}

/** The options as the transport reads them; a handler cannot both batch and call a vendor. */
export function handlerExtras(type: string, options: OnCommandOptions): Required<OnCommandOptions> {
  const extras = {
    batched: options.batched === true,
    callsVendor: options.callsVendor === true,
    carriesSecrets: options.carriesSecrets === true,
  };
  if (extras.batched && extras.callsVendor) {
    throw new Error(`${type}: a handler that calls a vendor cannot be batched`);
  }
  return extras;
}
