import { z } from 'zod';
import { SAFE_ID } from '../../../devices/domain/device';
import { deviceTimestamp } from '../../../shared/interface/device-payload';

const deviceId = z.string().regex(SAFE_ID, 'letters, digits, - and _ (1–64)');

/** `court/<courtId>/checkin` and `/checkout`: a member asked for it on the panel. */
export const courtRequestPayload = z.object({
  device_id: deviceId,
  user_id: z.string().regex(/^[\x21-\x7e]{1,100}$/, '1–100 visible characters'),
  timestamp: deviceTimestamp,
});

/** `court/<courtId>/button/pressed`. */
export const buttonPressedPayload = z.object({ device_id: deviceId, timestamp: deviceTimestamp });
