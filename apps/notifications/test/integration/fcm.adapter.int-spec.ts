import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { CircuitOpenError } from '@sportclub/resilience';
import { freePort, sandboxAdmin, startService, type RunningService } from '@sportclub/testing';
import {
  RecipientUnreachableError,
  type OutgoingMessage,
} from '../../src/deliveries/application/ports/channel-provider.port';
import { FcmAdapter } from '../../src/deliveries/infrastructure/channels/fcm.adapter';
import { ProviderOutageError } from '../../src/deliveries/infrastructure/channels/provider-call';
import { ClubCredentials, messagingCaller } from '../support/channel-test-kit';

interface ServiceAccountFile {
  project_id: string;
  client_email: string;
  private_key: string;
}
interface ReceivedPush {
  name: string;
  token: string;
  notification: { title: string; body: string };
  data: Record<string, string>;
  android: { priority: string };
}

/**
 * The FCM adapter over the real firebase-admin SDK against the partner sandbox: the sandbox's service
 * accounts sign the SDK's token requests (checked for real), pushes land on the sandbox's devices, and
 * the sandbox's FCM errors and faults come back classified for the delivery.
 */
describe('FcmAdapter against the partner sandbox', () => {
  let sandbox: RunningService;
  let admin: ReturnType<typeof sandboxAdmin>;
  const credentials = new ClubCredentials();
  const adapters: FcmAdapter[] = [];
  const callers: { shutdown(): void }[] = [];

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    admin = sandboxAdmin(sandbox.url);
    const account = async (query = '') =>
      (await (await admin('GET', `fcm/service-account${query}`)).json()) as ServiceAccountFile;
    const asCredentials = (file: ServiceAccountFile) => ({
      projectId: file.project_id,
      clientEmail: file.client_email,
      privateKey: file.private_key,
    });
    credentials
      .set('club-a', 'fcm', asCredentials(await account()))
      .set('club-b', 'fcm', asCredentials(await account('?projectId=club-b-push')));
  });
  afterEach(async () => {
    await admin('DELETE', 'faults');
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    callers.splice(0).forEach((c) => c.shutdown());
  });
  afterAll(() => sandbox?.stop());

  function adapter(apiUrl = sandbox.url, policy: { retries?: number } = {}) {
    const { caller, pauses } = messagingCaller(policy);
    callers.push(caller);
    const fcm = new FcmAdapter({ apiUrl, tokenUrl: `${sandbox.url}/oauth2/token`, caller, credentials });
    adapters.push(fcm);
    return { fcm, caller, pauses };
  }

  const push = (to: string, tenantId = 'club-a'): OutgoingMessage => ({
    tenantId,
    deliveryId: randomUUID(),
    attemptId: randomUUID(),
    channel: 'push',
    to,
    title: 'Check-in confirmed',
    body: 'Welcome back, Ana: court 3 is yours until 20:00.',
  });
  const device = () => `device-${randomUUID()}`;
  const received = async (token: string) =>
    (await (await admin('GET', `fcm/messages?token=${encodeURIComponent(token)}`)).json()) as ReceivedPush[];

  it('sends a notification the device receives, with the delivery and attempt as data', async () => {
    const { fcm } = adapter();
    const token = device();
    const message = push(token);

    const { providerMessageId } = await fcm.send(message);

    expect(providerMessageId).toMatch(/^projects\/sportclub-sandbox\/messages\/0:\d+%[0-9a-f]{16}$/);
    expect(await received(token)).toEqual([
      expect.objectContaining({
        name: providerMessageId,
        notification: { title: message.title, body: message.body },
        data: { deliveryId: message.deliveryId, attemptId: message.attemptId },
        android: { priority: 'high' },
      }),
    ]);
  });

  it('sends with each club its own service account, to its own project', async () => {
    const { fcm } = adapter();
    const token = device();
    const { providerMessageId } = await fcm.send(push(token, 'club-b'));
    expect(providerMessageId).toMatch(/^projects\/club-b-push\/messages\//);
    expect(await received(token)).toHaveLength(1);
  });

  it('finds an unregistered, a never-registered and a malformed token unreachable, without retrying', async () => {
    const { fcm, caller, pauses } = adapter();
    const uninstalled = device();
    await admin('PUT', `fcm/unregistered/${uninstalled}`);

    for (const token of [uninstalled, `unregistered-${randomUUID()}`, 'not a token!']) {
      const error = await fcm.send(push(token)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RecipientUnreachableError);
      expect(await received(token)).toEqual([]);
    }
    expect((await fcm.send(push(device())).catch((e: unknown) => e)) as unknown).not.toBeInstanceOf(Error);
    expect(pauses).toEqual([]);
    expect(caller.breakerState('fcm', 'club-a')).toBe('closed');
  });

  it('is an outage after three retries when FCM throttles (429 with Retry-After)', async () => {
    const { fcm, pauses } = adapter();
    await admin('PUT', 'faults/fcm', { tooManyRequests: true, retryAfterSeconds: 30 });

    const error = await fcm.send(push(device())).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(error).toMatchObject({ status: 429, message: expect.stringContaining('messaging/') });
    expect(pauses).toHaveLength(3);
  });

  it('is an outage after three retries when FCM cannot be reached', async () => {
    const { fcm, pauses } = adapter(`http://127.0.0.1:${await freePort()}`);
    const error = await fcm.send(push(device())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(pauses).toHaveLength(3);
  });

  // The SDK retries a 503 itself (4 times over ~7 s) before the resilience layer sees it: one attempt
  // here, or the test would sit through four of those.
  it('is an outage when FCM is down (503), once the SDK has retried it itself', async () => {
    const { fcm } = adapter(sandbox.url, { retries: 0 });
    await admin('PUT', 'faults/fcm', { down: true });
    const error = await fcm.send(push(device())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(error).toMatchObject({
      status: 503,
      message: expect.stringContaining('messaging/server-unavailable'),
    });
  });

  it('is an outage, not retried, when Google refuses the service account key', async () => {
    const { fcm, caller, pauses } = adapter();
    const forged = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const real = await credentials.get('club-a', 'fcm');
    credentials.set('club-forged', 'fcm', { ...real, privateKey: forged });

    const error = await fcm.send(push(device(), 'club-forged')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('Invalid JWT Signature') });
    expect(pauses).toEqual([]);
    expect(caller.breakerState('fcm', 'club-forged')).toBe('closed');
  });

  it("opens one club's breaker without touching another's", async () => {
    const { fcm, caller } = adapter();
    await admin('PUT', 'faults/fcm', { tooManyRequests: true, retryAfterSeconds: 30 });
    // Four failed attempts (the first and three retries), then the fifth opens the breaker.
    await expect(fcm.send(push(device()))).rejects.toBeInstanceOf(ProviderOutageError);
    await expect(fcm.send(push(device()))).rejects.toBeInstanceOf(CircuitOpenError);
    expect(caller.breakerState('fcm', 'club-a')).toBe('open');
    await admin('DELETE', 'faults');

    await expect(fcm.send(push(device()))).rejects.toBeInstanceOf(CircuitOpenError);
    const token = device();
    await expect(fcm.send(push(token, 'club-b'))).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
    expect(await received(token)).toHaveLength(1);
    expect(caller.breakerState('fcm', 'club-b')).toBe('closed');
  });
});
