import { constants, generateKeyPair, privateDecrypt } from 'node:crypto';
import { promisify } from 'node:util';
import {
  IotBridgeListDevicesV1,
  IotBridgeRegisterDeviceV1,
  type IotBridgeListDevicesResultV1,
  type IotBridgeRegisterDeviceResultV1,
} from '@sportclub/contracts';
import { CommandClient, RabbitConnection } from '@sportclub/messaging';
import { localInfraEnv, repoRoot } from '@sportclub/testing';

const keyPair = promisify(generateKeyPair);

type Registration = Pick<
  IotBridgeRegisterDeviceV1,
  'deviceId' | 'kind' | 'courtId' | 'enabled' | 'rotateCredentials'
>;

/** Asks the booted iot-bridge over RabbitMQ request/reply, as the gateway does; opens sealed passwords. */
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
      const reply = await client.request<IotBridgeRegisterDeviceResultV1>(
        IotBridgeRegisterDeviceV1.envelope({
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
    async list(tenantId: string) {
      const reply = await client.request<IotBridgeListDevicesResultV1>(
        IotBridgeListDevicesV1.envelope({ source: 'access-gateway', tenantId, subject: tenantId, data: {} }),
        10_000,
      );
      return reply.data.devices;
    },
    close: () => rabbit.close(),
  };
}
