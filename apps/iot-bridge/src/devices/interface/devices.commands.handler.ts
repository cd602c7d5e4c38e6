import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import {
  IotBridgeListDevicesResultV1,
  IotBridgeListDevicesResultV2,
  IotBridgeListDevicesV1,
  IotBridgeListDevicesV2,
  IotBridgeRegisterDeviceResultV1,
  IotBridgeRegisterDeviceResultV2,
  IotBridgeRegisterDeviceV1,
  IotBridgeRegisterDeviceV2,
  IotBridgeSetCameraStreamResultV1,
  IotBridgeSetCameraStreamV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { ListDevicesHandler } from '../application/list-devices/list-devices.handler';
import type { DeviceFilter } from '../application/ports/device.repository.port';
import { RegisterDeviceHandler } from '../application/register-device/register-device.handler';
import { SetCameraStreamHandler } from '../application/set-camera-stream/set-camera-stream.handler';
import { V1_KINDS } from '../domain/device';
import { deviceView } from './device.view';

/** The requester's key, when it is an RSA public key strong enough to seal a password. */
function sealingKey(pem: string): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048
      ? key
      : undefined;
  } catch {
    return undefined;
  }
}

const seal = (key: KeyObject, secret: string) =>
  publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(secret),
  ).toString('base64');

/**
 * The registry's side of the command bus (the gateway's staff routes and the video service ask here).
 * A new password leaves only sealed for the requester; the registration runs in the command's inbox
 * transaction. v1 is answered for a gateway not yet upgraded: it never names a camera (decision 0019).
 */
@Controller()
export class DevicesCommandsHandler {
  constructor(
    @Inject(RegisterDeviceHandler) private readonly registerDevice: RegisterDeviceHandler,
    @Inject(ListDevicesHandler) private readonly listDevices: ListDevicesHandler,
    @Inject(SetCameraStreamHandler) private readonly setStream: SetCameraStreamHandler,
  ) {}

  /** A v1 registration's kind is one of v1's, and so is the device it answers with. */
  @OnCommand(IotBridgeRegisterDeviceV1)
  async registerV1(envelope: Envelope<IotBridgeRegisterDeviceV1>, ctx: MessageContext) {
    return IotBridgeRegisterDeviceResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.data.deviceId,
      data: (await this.registered(envelope, ctx)) as IotBridgeRegisterDeviceResultV1,
    });
  }

  @OnCommand(IotBridgeRegisterDeviceV2)
  async register(envelope: Envelope<IotBridgeRegisterDeviceV2>, ctx: MessageContext) {
    return IotBridgeRegisterDeviceResultV2.envelope({
      ...ctx.follow(),
      subject: envelope.data.deviceId,
      data: await this.registered(envelope, ctx),
    });
  }

  /** Only the kinds v1 knows, filtered in SQL. */
  @OnCommand(IotBridgeListDevicesV1)
  async listV1(envelope: Envelope<IotBridgeListDevicesV1>, ctx: MessageContext) {
    const { kind } = envelope.data;
    return IotBridgeListDevicesResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: {
        devices: (await this.page(envelope, ctx, {
          kinds: kind ? [kind] : V1_KINDS,
        })) as IotBridgeListDevicesResultV1['devices'],
      },
    });
  }

  @OnCommand(IotBridgeListDevicesV2)
  async list(envelope: Envelope<IotBridgeListDevicesV2>, ctx: MessageContext) {
    const { kind, ...filter } = envelope.data;
    return IotBridgeListDevicesResultV2.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: { devices: await this.page(envelope, ctx, { ...filter, ...(kind && { kinds: [kind] }) }) },
    });
  }

  /**
   * From the video service. The handler publishes to the device broker, so it runs with no
   * transaction held across that (`callsVendor`; the retained publish is idempotent), and a command
   * that cannot be handled is dead-lettered without its stream key (`carriesSecrets`).
   */
  @OnCommand(IotBridgeSetCameraStreamV1, { callsVendor: true, carriesSecrets: true })
  async setCameraStream(envelope: Envelope<IotBridgeSetCameraStreamV1>, ctx: MessageContext) {
    const { deviceId, stream } = envelope.data;
    const outcome = await this.setStream.execute({ tenantId: envelope.tenantid, deviceId, stream });
    return IotBridgeSetCameraStreamResultV1.envelope({
      ...ctx.follow(),
      subject: deviceId,
      data: { outcome },
    });
  }

  private async registered(
    envelope: Envelope<IotBridgeRegisterDeviceV2>,
    ctx: MessageContext,
  ): Promise<IotBridgeRegisterDeviceResultV2> {
    const { credentialsKey, ...registration } = envelope.data;
    const key = sealingKey(credentialsKey);
    if (!key) {
      return {
        deviceId: registration.deviceId,
        outcome: 'invalid',
        reason: 'credentialsKey: an RSA public key (SPKI PEM) of at least 2048 bits',
      };
    }
    const result = await this.registerDevice.execute(ctx.manager, {
      tenantId: envelope.tenantid,
      ...registration,
    });
    if (result.outcome === 'not-found' || result.outcome === 'invalid') {
      return { deviceId: registration.deviceId, ...result };
    }
    return {
      deviceId: registration.deviceId,
      outcome: result.outcome,
      device: deviceView(result.device),
      ...(result.password
        ? { credentials: { username: result.device.deviceId, sealedPassword: seal(key, result.password) } }
        : {}),
    };
  }

  private async page(envelope: Envelope, ctx: MessageContext, filter: DeviceFilter) {
    const devices = await this.listDevices.execute({ tenantId: envelope.tenantid, ...filter }, ctx.manager);
    return devices.map(deviceView);
  }
}
