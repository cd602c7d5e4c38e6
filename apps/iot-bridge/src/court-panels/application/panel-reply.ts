import { deviceTopics } from '../../devices/domain/device-topics';
import type { DeviceAnswer } from '../../shared/domain/device-answer';
import type { DeviceReply } from '../../shared/application/ports/device-broker.port';

/**
 * An answer as a panel receives it, on `panel/<panelId>/response`: `{requestId, status, message,
 * color}`, `requestId` null when the request had none the bridge could read.
 */
export const panelReply = (panelId: string, requestId: string | null, answer: DeviceAnswer): DeviceReply => ({
  topic: deviceTopics.panelResponse(panelId),
  message: { requestId, ...answer },
});
