import { Logger, type InjectionToken, type Provider } from '@nestjs/common';
import { CommandHandlerRegistry } from '@sportclub/messaging';
import { SagaEngine } from './saga.engine';

/**
 * Routes an engine's replies from the orchestrator's command queue: one handler per reply type its
 * definitions declare (steps' `onReply`, compensations' `onCompensationReply`), registered through the
 * messaging library's generic registry. Each hands the reply to the engine inside the consumer's inbox
 * transaction; batched, since applying a reply only touches the saga tables. A reply the saga no longer
 * waits on (late, duplicated) is ignored, at debug level. Returns the types registered.
 */
export function registerSagaReplies(
  engine: SagaEngine,
  handlers: CommandHandlerRegistry,
  logger?: { debug(message: string): void },
): string[] {
  const types = engine.replyTypes;
  for (const type of types) {
    handlers.register(
      type,
      async (reply, ctx) => {
        const result = await engine.handleReply(reply, ctx.manager);
        if (result.outcome === 'ignored')
          logger?.debug(`reply ${reply.type} ${reply.id} ignored: ${result.reason}`);
      },
      { batched: true },
    );
  }
  return types;
}

/** The token under which `sagaReplyHandlers` provides the registered reply types. */
export const SAGA_REPLY_TYPES = Symbol('SAGA_REPLY_TYPES');

/**
 * A NestJS provider registering, at boot, the replies of the engine provided under `engine` (the
 * `SagaEngine` class by default): add it to the orchestrator's module, next to the engine's provider.
 */
export function sagaReplyHandlers(engine: InjectionToken = SagaEngine): Provider {
  return {
    provide: SAGA_REPLY_TYPES,
    useFactory: (e: SagaEngine, handlers: CommandHandlerRegistry) =>
      registerSagaReplies(e, handlers, new Logger('SagaReplies')),
    inject: [engine, CommandHandlerRegistry],
  };
}
