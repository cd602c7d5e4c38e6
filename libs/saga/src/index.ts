export {
  defineSaga,
  type SagaDefinition,
  type SagaDefinitionBuilder,
  type SagaStepBuilder,
  type SagaContext,
  type SagaEndContext,
  type MessageRef,
  type Outgoing,
  replyTypesOf,
} from './saga-definition.builder';
export { next, goTo, stay, fail, reject, type Outcome } from './saga.outcome';
export {
  SagaEngine,
  type AnySagaDefinition,
  type SagaEngineOptions,
  type StartOptions,
  type ReplyResult,
  type SagaPage,
  type SagaLogger,
} from './saga.engine';
export { registerSagaReplies, sagaReplyHandlers, SAGA_REPLY_TYPES } from './saga-replies';
export { SagaDeadlineScheduler, type SagaDeadlineSchedulerOptions } from './saga-deadline.scheduler';
export {
  SagaLockedError,
  SagaIdConflictError,
  SagaConcurrencyError,
  UnknownSagaTypeError,
} from './saga.errors';
export { SAGA_STATES, ACTIVE_STATES, TERMINAL_STATES, type SagaState, type SagaView } from './saga.state';
export type { SagaListQuery } from './saga.repository';
export { CreateSagas1764400000100 } from './saga.migration';
