import { constants, generateKeyPair, privateDecrypt } from 'node:crypto';
import { promisify } from 'node:util';
import {
  IotBridgeListDevicesV1,
  IotBridgeListDevicesV2,
  IotBridgeRegisterDeviceV2,
  IotBridgeSetCameraStreamV1,
  type IotBridgeListDevicesResultV1,
  type IotBridgeListDevicesResultV2,
  type IotBridgeRegisterDeviceResultV2,
  type IotBridgeSetCameraStreamResultV1,
} from '@sportclub/contracts';
import { CommandClient, RabbitConnection } from '@sportclub/messaging';
import { localInfraEnv, repoRoot } from '@sportclub/testing';

const keyPair = promisify(generateKeyPair);

type Registration = Pick<
  IotBridgeRegisterDeviceV2,
  'deviceId' | 'kind' | 'courtId' | 'enabled' | 'rotateCredentials'
>;

/**
 * Asks the booted iot-bridge over RabbitMQ request/reply, as the gateway (v2) and the video service do;
 * opens sealed passwords.
 */
export async function registryClient() {
  const rabbit = new RabbitConnection({
    url: localInfraEnv(repoRoot()).RABBITMQ_URL,
    connectionName: 'iot-e2e',
  });
  await rabbit.connect();
  const client = new CommandClient(rabbit);
  await client.start();
  return {
    async register(tenantId: string, registration: Registration) {
      const { publicKey, privateKey } = await keyPair('rsa', { modulusLength: 2048 });
      const reply = await client.request<IotBridgeRegisterDeviceResultV2>(
        IotBridgeRegisterDeviceV2.envelope({
          source: 'access-gateway',
          tenantId,
          subject: registration.deviceId,
          data: {
            ...registration,
            credentialsKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          },
        }),
        10_000,
      );
      const sealed = reply.data.credentials?.sealedPassword;
      const password = sealed
        ? privateDecrypt(
            { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
            Buffer.from(sealed, 'base64'),
          ).toString()
        : undefined;
      return { ...reply.data, password };
    },
    async list(tenantId: string, filter: IotBridgeListDevicesV2 = {}) {
      const reply = await client.request<IotBridgeListDevicesResultV2>(
        IotBridgeListDevicesV2.envelope({
          source: 'access-gateway',
          tenantId,
          subject: tenantId,
          data: filter,
        }),
        10_000,
      );
      return reply.data.devices;
    },
    /** As a gateway not yet upgraded asks. */
    async listV1(tenantId: string) {
      const reply = await client.request<IotBridgeListDevicesResultV1>(
        IotBridgeListDevicesV1.envelope({ source: 'access-gateway', tenantId, subject: tenantId, data: {} }),
        10_000,
      );
      return reply.data.devices;
    },
    /** As the video service hands a camera its stream (or takes it back with null). */
    async setCameraStream(tenantId: string, deviceId: string, stream: IotBridgeSetCameraStreamV1['stream']) {
      const reply = await client.request<IotBridgeSetCameraStreamResultV1>(
        IotBridgeSetCameraStreamV1.envelope({
          source: 'video',
          tenantId,
          subject: deviceId,
          data: { deviceId, stream },
        }),
        10_000,
      );
      return reply.data.outcome;
    },
    close: () => rabbit.close(),
  };
}
