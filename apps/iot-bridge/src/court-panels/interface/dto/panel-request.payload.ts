import { z } from 'zod';
import { SAFE_ID } from '../../../devices/domain/device';
import { deviceSideId, deviceTimestamp } from '../../../shared/interface/device-payload';

/** The seed firmware names its panel; who is speaking is the topic's login, so it may only repeat it. */
const deviceId = z.string().regex(SAFE_ID, 'letters, digits, - and _ (1–64)').optional();

/**
 * `panel/<panelId>/checkin` and `/checkout`: a member asked for it on the panel. `request_id` is the
 * panel's own id for the request, the same when it repeats it (as a reader's `scan_id`).
 */
export const courtRequestPayload = z.object({
  request_id: deviceSideId,
  user_id: z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters'),
  timestamp: deviceTimestamp,
  device_id: deviceId,
});

/** `panel/<panelId>/button/pressed`: the highlight button. */
export const buttonPressedPayload = z.object({
  request_id: deviceSideId,
  timestamp: deviceTimestamp,
  device_id: deviceId,
});
