export { Outbox, type ReplyAddress, type SendOptions } from './outbox.writer';
export { CreateOutbox1764400000000 } from './outbox.migration';
export { OutboxRelay, type RelayOptions, type RelayPublishers } from './outbox.relay';
