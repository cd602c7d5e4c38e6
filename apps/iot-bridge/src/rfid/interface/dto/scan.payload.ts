import { z } from 'zod';
import { deviceSideId, deviceTimestamp } from '../../../shared/interface/device-payload';

/**
 * A reader's scan (`rfid/<readerId>/scan`): the seed firmware's `card_id` and `reader_id`, a
 * device-side `scan_id` that stays the same when the reader repeats the scan (QoS 1 redelivery), and
 * the reader's clock in `timestamp`. Card UIDs are hexadecimal, compared upper-case.
 */
export const scanPayload = z.object({
  scan_id: deviceSideId,
  card_id: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,32}$/, 'a hexadecimal card UID (8–32 digits)')
    .transform((uid) => uid.toUpperCase()),
  timestamp: deviceTimestamp,
  /** Optional; when present it must be the reader of the topic. */
  reader_id: z.string().optional(),
});
