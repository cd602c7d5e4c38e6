import { OutboxEnvelopeAsJson1764700000000 } from './outbox-envelope-json.migration';
import { OutboxWithoutNotify1764900000000 } from './outbox-no-notify.migration';
import { CreateOutbox1764400000000 } from './outbox.migration';

/** Every migration of the outbox table, in order: what a service (or a test database) applies. */
export const OUTBOX_MIGRATIONS = [
  CreateOutbox1764400000000,
  OutboxEnvelopeAsJson1764700000000,
  OutboxWithoutNotify1764900000000,
];
