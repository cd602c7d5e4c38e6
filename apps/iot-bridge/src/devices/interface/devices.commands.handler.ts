import { constants, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import {
  IotBridgeListDevicesResultV1,
  IotBridgeListDevicesV1,
  IotBridgeRegisterDeviceResultV1,
  IotBridgeRegisterDeviceV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { ListDevicesHandler } from '../application/list-devices/list-devices.handler';
import { RegisterDeviceHandler } from '../application/register-device/register-device.handler';
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
 * The registry's side of the command bus (the gateway's staff routes ask here). A new password leaves
 * only sealed for the requester; the registration runs in the command's inbox transaction.
 */
@Controller()
export class DevicesCommandsHandler {
  constructor(
    @Inject(RegisterDeviceHandler) private readonly registerDevice: RegisterDeviceHandler,
    @Inject(ListDevicesHandler) private readonly listDevices: ListDevicesHandler,
  ) {}

  @OnCommand(IotBridgeRegisterDeviceV1)
  async register(envelope: Envelope<IotBridgeRegisterDeviceV1>, ctx: MessageContext) {
    const { credentialsKey, ...registration } = envelope.data;
    const reply = (data: IotBridgeRegisterDeviceResultV1) =>
      IotBridgeRegisterDeviceResultV1.envelope({ ...ctx.follow(), subject: registration.deviceId, data });
    const key = sealingKey(credentialsKey);
    if (!key) {
      return reply({
        deviceId: registration.deviceId,
        outcome: 'invalid',
        reason: 'credentialsKey: an RSA public key (SPKI PEM) of at least 2048 bits',
      });
    }
    const result = await this.registerDevice.execute(ctx.manager, {
      tenantId: envelope.tenantid,
      ...registration,
    });
    if (result.outcome === 'not-found' || result.outcome === 'invalid') {
      return reply({ deviceId: registration.deviceId, ...result });
    }
    return reply({
      deviceId: registration.deviceId,
      outcome: result.outcome,
      device: deviceView(result.device),
      ...(result.password
        ? { credentials: { username: result.device.deviceId, sealedPassword: seal(key, result.password) } }
        : {}),
    });
  }

  @OnCommand(IotBridgeListDevicesV1)
  async list(envelope: Envelope<IotBridgeListDevicesV1>, ctx: MessageContext) {
    const devices = await this.listDevices.execute(
      { tenantId: envelope.tenantid, kind: envelope.data.kind },
      ctx.manager,
    );
    return IotBridgeListDevicesResultV1.envelope({
      ...ctx.follow(),
      subject: envelope.tenantid,
      data: { devices: devices.map(deviceView) },
    });
  }
}
