export {
  Outbox,
  type OutboxSender,
  type OutboxMessage,
  type ReplyAddress,
  type SendOptions,
} from './outbox.writer';
export { CreateOutbox1764400000000 } from './outbox.migration';
export { OutboxEnvelopeAsJson1764700000000 } from './outbox-envelope-json.migration';
export { OutboxWithoutNotify1764900000000 } from './outbox-no-notify.migration';
export { OUTBOX_MIGRATIONS } from './outbox.migrations';
export { Coalescer } from './coalescer';
export { OutboxRelay, type LocalStep, type RelayOptions, type RelayPublishers } from './outbox.relay';
