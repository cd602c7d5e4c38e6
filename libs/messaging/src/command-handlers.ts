import type { Envelope, MessageDefinition } from '@sportclub/contracts';
import { handlerExtras, type OnCommandOptions } from './handlers';
import type { MessageContext } from './inbox/message-handling';

/** A command handler registered in code: what an `@OnCommand` method does, as a function. */
export type CommandHandlerFn = (envelope: Envelope, ctx: MessageContext) => Promise<Envelope | void>;

export interface RegisteredCommandHandler extends Required<OnCommandOptions> {
  type: string;
  handle: CommandHandlerFn;
}

/**
 * Command handlers registered in code rather than with `@OnCommand`, for handler sets known only once
 * something is built (one handler per message type a component declares). The service's RabbitMQ
 * consumer adds them to its decorated handlers when it starts and treats both alike (inbox, batching,
 * replies, dead letters); a type handled twice fails the start. One registry per service
 * (`MessagingModule` provides it); registrations must happen while the app is created, before the
 * consumer starts.
 */
export class CommandHandlerRegistry {
  private readonly handlers = new Map<string, RegisteredCommandHandler>();
  private sealed = false;

  register(
    message: MessageDefinition<never> | MessageDefinition | string,
    handle: CommandHandlerFn,
    options: OnCommandOptions = {},
  ): void {
    const type = typeof message === 'string' ? message : message.type;
    if (typeof message !== 'string' && message.kind === 'event') {
      throw new Error(`${type} is an event: handle it with @OnEvent`);
    }
    if (this.sealed) throw new Error(`${type}: the command consumer has started, register handlers before`);
    if (this.handlers.has(type)) throw new Error(`command ${type} is registered twice`);
    this.handlers.set(type, { type, handle, ...handlerExtras(type, options) });
  }

  /** What the consumer takes at start; later registrations are refused instead of silently ignored. */
  take(): RegisteredCommandHandler[] {
    this.sealed = true;
    return [...this.handlers.values()];
  }
}
