export { Outbox, type ReplyAddress, type SendOptions } from './outbox.writer';
export { CreateOutbox1764400000000 } from './outbox.migration';
export { OutboxEnvelopeAsJson1764700000000 } from './outbox-envelope-json.migration';
export { OUTBOX_MIGRATIONS } from './outbox.migrations';
export { OutboxRelay, type RelayOptions, type RelayPublishers } from './outbox.relay';
