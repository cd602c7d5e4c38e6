export {
  type MessageHeaders,
  type OutgoingEvent,
  type EventPublisher,
  type OutgoingCommand,
  type CommandPublisher,
  EVENT_PUBLISHER,
  COMMAND_PUBLISHER,
} from '@sportclub/contracts';
