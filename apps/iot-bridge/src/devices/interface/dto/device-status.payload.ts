import { z } from 'zod';
import { DEVICE_STATUSES } from '../../domain/device';
import { deviceTimestamp } from '../../../shared/interface/device-payload';

/** `tablet/<tabletId>/status`, `camera/<cameraId>/status`: what the device reports about itself. */
export const deviceStatusPayload = z.object({
  status: z.enum(DEVICE_STATUSES),
  battery: z.number().int().min(0).max(100).optional(),
  timestamp: deviceTimestamp,
});
