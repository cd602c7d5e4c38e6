import { Injectable } from '@nestjs/common';
import {
  IotBridgeListDevicesV2,
  IotBridgeSetCameraStreamV1,
  type IotBridgeListDevicesResultV2,
  type IotBridgeSetCameraStreamResultV1,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import type { CameraStream, CamerasPort } from '../application/ports/cameras.port';

/** iot-bridge's answer is awaited this long (then the pass fails and the court is tried again later). */
const TIMEOUT_MS = 5_000;

/** The court's cameras and their streams through iot-bridge (RabbitMQ request/reply, the club's tenant). */
@Injectable()
export class IotCameras implements CamerasPort {
  constructor(private readonly commands: CommandClient) {}

  async camerasOf(tenantId: string, courtId: string): Promise<string[]> {
    const reply = await this.commands.request<IotBridgeListDevicesResultV2>(
      IotBridgeListDevicesV2.envelope({
        source: 'video',
        subject: courtId,
        tenantId,
        data: { kind: 'camera', courtId, enabled: true },
      }),
      TIMEOUT_MS,
    );
    return reply.data.devices.map((d) => d.deviceId);
  }

  async setStream(tenantId: string, cameraId: string, stream: CameraStream | null): Promise<boolean> {
    const reply = await this.commands.request<IotBridgeSetCameraStreamResultV1>(
      IotBridgeSetCameraStreamV1.envelope({
        source: 'video',
        subject: cameraId,
        tenantId,
        data: { deviceId: cameraId, stream },
      }),
      TIMEOUT_MS,
    );
    return reply.data.outcome === 'sent';
  }
}
