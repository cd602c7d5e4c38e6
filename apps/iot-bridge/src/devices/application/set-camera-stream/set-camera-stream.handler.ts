import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEVICE_BROKER, type DeviceBroker } from '../../../shared/application/ports/device-broker.port';
import { cameraStreamRefusal } from '../../domain/device';
import { deviceTopics } from '../../domain/device-topics';
import { DEVICE_REPOSITORY, type DeviceRepositoryPort } from '../ports/device.repository.port';

/** Where a camera's encoder pushes its live stream. The stream key is a credential. */
export interface CameraStream {
  ingestUrl: string;
  streamKey: string;
  streamId: string;
}

export interface SetCameraStreamCommand {
  tenantId: string;
  deviceId: string;
  /** `null` takes the stream back. */
  stream: CameraStream | null;
}

export type SetCameraStreamOutcome = 'sent' | 'unknown-device' | 'not-a-camera' | 'disabled';

/**
 * Hands a club's camera its stream on `camera/<deviceId>/stream`, the one topic only that camera's
 * login reads (decision 0013): a retained QoS 1 message, so an encoder that connects or reconnects
 * later still finds it; clearing it sends the empty retained payload. Nothing is stored here, and no log
 * line carries the stream key.
 */
@Injectable()
export class SetCameraStreamHandler {
  private readonly logger = new Logger('CameraStreams');

  constructor(
    @Inject(DEVICE_REPOSITORY) private readonly devices: DeviceRepositoryPort,
    @Inject(DEVICE_BROKER) private readonly broker: DeviceBroker,
  ) {}

  async execute({ tenantId, deviceId, stream }: SetCameraStreamCommand): Promise<SetCameraStreamOutcome> {
    const refusal = cameraStreamRefusal(await this.devices.find(tenantId, deviceId), stream === null);
    if (refusal) {
      this.logger.warn(`camera ${deviceId} of ${tenantId}: stream not set, ${refusal}`);
      return refusal;
    }
    // Only these three fields reach the encoder, whatever else a newer command may carry.
    const message = stream && {
      ingestUrl: stream.ingestUrl,
      streamKey: stream.streamKey,
      streamId: stream.streamId,
    };
    await this.broker.retain(deviceTopics.cameraStream(deviceId), message);
    this.logger.log(
      stream
        ? `camera ${deviceId}: stream ${stream.streamId} handed over`
        : `camera ${deviceId}: stream cleared`,
    );
    return 'sent';
  }
}
