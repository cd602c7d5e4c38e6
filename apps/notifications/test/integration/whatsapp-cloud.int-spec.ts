import {
  eventually,
  freePort,
  startService,
  startWebhookReceiver,
  type RunningService,
  type WebhookReceiver,
} from '@sportclub/testing';
import { CircuitOpenError, type ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  RecipientUnreachableError,
} from '../../src/deliveries/application/ports/channel-provider.port';
import {
  GraphApiError,
  WhatsAppCloudAdapter,
  classifyWhatsAppCloudError,
} from '../../src/deliveries/infrastructure/channels/whatsapp-cloud.adapter';
import { verifyMetaSignature } from '../../src/webhooks/interface/webhook-signatures';
import {
  ClubCredentials,
  memberNumber,
  messagingCaller,
  outgoing,
  sandboxCall,
} from '../support/channel-test-kit';

const APP_SECRET = 'platform-meta-app-secret-int';
const CLUB_A = {
  accessToken: 'EAAclubAaccessToken',
  phoneNumberId: '106540352240001',
  appSecret: APP_SECRET,
  verifyToken: 'club-a-verify',
};
const CLUB_B = { ...CLUB_A, accessToken: 'EAAclubBaccessToken', phoneNumberId: '106540352240002' };
const credentials = new ClubCredentials({
  'club-a': { 'whatsapp-cloud': CLUB_A },
  'club-b': { 'whatsapp-cloud': CLUB_B },
  'club-revoked': { 'whatsapp-cloud': { ...CLUB_A, accessToken: 'revoked-token' } },
});

interface StatusEntry {
  id: string;
  status: string;
  recipient_id: string;
  errors?: { code: number; error_data: { details: string } }[];
}

/**
 * The WhatsApp Cloud API adapter (fetch) against the real partner sandbox process: accepted sends,
 * the signed `statuses` webhooks, how refusals are classified, and the resilience around it.
 */
describe('WhatsAppCloudAdapter against the partner sandbox', () => {
  let sandbox: RunningService;
  let receiver: WebhookReceiver;
  const callers: ResilientCaller[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startService('partner-sandbox', {
      env: {
        WHATSAPP_CLOUD_WEBHOOK_URL: `${receiver.url}/webhooks/whatsapp-cloud`,
        WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
      },
    });
  });
  afterEach(async () => {
    await sandboxCall(sandbox.url, 'DELETE', '/__admin/faults');
    callers.splice(0).forEach((c) => c.shutdown());
  });
  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  function adapter(graphApiUrl = `${sandbox.url}/graph`) {
    const { caller, pauses } = messagingCaller();
    callers.push(caller);
    return { cloud: new WhatsAppCloudAdapter({ graphApiUrl, caller, credentials }), caller, pauses };
  }
  const admin = <T = unknown>(method: string, path: string, body?: unknown) =>
    sandboxCall<T>(sandbox.url, method, path, body);
  const webhooks = () => receiver.on('/webhooks/whatsapp-cloud');
  const statusesOf = (wamid: string): StatusEntry[] =>
    webhooks()
      .flatMap((w) => {
        const payload = JSON.parse(w.raw) as {
          entry: { changes: { value: { statuses?: StatusEntry[] } }[] }[];
        };
        return payload.entry[0].changes[0].value.statuses ?? [];
      })
      .filter((s) => s.id === wamid);

  it('sends text inside the window; the statuses webhooks verify with the app secret', async () => {
    const { cloud } = adapter();
    const member = memberNumber();
    await admin('POST', '/whatsapp-cloud/__admin/inbound', {
      phoneNumberId: CLUB_A.phoneNumberId,
      from: member,
      body: 'Oi!',
    });
    const message = outgoing({ tenantId: 'club-a', to: member });

    const { providerMessageId } = await cloud.send(message);

    expect(providerMessageId).toMatch(/^wamid\./);
    await eventually(() => statusesOf(providerMessageId).length === 3, 'sent, delivered, read');
    expect(statusesOf(providerMessageId).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const w of webhooks()) {
      const header = w.headers['x-hub-signature-256'] as string;
      expect(verifyMetaSignature(CLUB_A.appSecret, w.raw, header)).toBe(true);
      expect(verifyMetaSignature('another-app-secret', w.raw, header)).toBe(false);
    }
    const history = await admin<{ direction: string; body: string; phoneNumberId: string }[]>(
      'GET',
      `/whatsapp-cloud/__admin/messages?number=${encodeURIComponent(member)}`,
    );
    expect(history.map((m) => [m.direction, m.body, m.phoneNumberId])).toEqual([
      ['inbound', 'Oi!', CLUB_A.phoneNumberId],
      ['outbound', message.body, CLUB_A.phoneNumberId],
    ]);
  });

  it('outside the window: text fails on its webhook with 131047 (refused); the template is delivered', async () => {
    const { cloud } = adapter();
    const member = memberNumber();
    const text = await cloud.send(outgoing({ tenantId: 'club-a', to: member }));
    await eventually(() => statusesOf(text.providerMessageId).length === 1, 'failed status');
    const [failed] = statusesOf(text.providerMessageId);
    expect(failed.status).toBe('failed');
    const refusal = classifyWhatsAppCloudError({
      code: failed.errors?.[0].code,
      details: failed.errors?.[0].error_data.details,
    });
    expect(refusal).toBeInstanceOf(MessageRefusedError);
    expect(refusal?.reason).toMatch(/131047/);

    await admin('PUT', `/whatsapp-cloud/__admin/phone-numbers/${CLUB_A.phoneNumberId}`, {
      templates: [
        { name: 'booking_confirmed', language: 'pt_BR', body: 'Olá {{1}}, reserva às {{2}} confirmada.' },
      ],
    });
    const template = await cloud.send(
      outgoing({
        tenantId: 'club-a',
        to: member,
        whatsappTemplate: { name: 'booking_confirmed', language: 'pt_BR', parameters: ['Ana', '19h'] },
      }),
    );
    await eventually(() => statusesOf(template.providerMessageId).length === 3, 'template read');
    const history = await admin<{ body: string; status: string }[]>(
      'GET',
      `/whatsapp-cloud/__admin/messages?number=${encodeURIComponent(member)}`,
    );
    expect(history.at(-1)).toMatchObject({ body: 'Olá Ana, reserva às 19h confirmada.', status: 'read' });

    const unknown = cloud.send(
      outgoing({
        tenantId: 'club-a',
        to: member,
        whatsappTemplate: { name: 'no_such_template', language: 'pt_BR', parameters: [] },
      }),
    );
    await expect(unknown).rejects.toBeInstanceOf(MessageRefusedError);
    await expect(unknown).rejects.toThrow(/132001/);
    const mismatch = cloud.send(
      outgoing({
        tenantId: 'club-a',
        to: member,
        whatsappTemplate: { name: 'booking_confirmed', language: 'pt_BR', parameters: ['Ana'] },
      }),
    );
    await expect(mismatch).rejects.toThrow(/132000/);
  });

  it('an invalid number is unreachable on the request; a number not on WhatsApp on its webhook (131026)', async () => {
    const { cloud, pauses } = adapter();
    const invalid = cloud.send(outgoing({ tenantId: 'club-a', to: '+55119' }));
    await expect(invalid).rejects.toBeInstanceOf(RecipientUnreachableError);
    expect(pauses).toEqual([]);

    const member = memberNumber();
    await admin('PUT', `/whatsapp-cloud/__admin/numbers/${member}`, { window: 'open', undeliverable: true });
    const { providerMessageId } = await cloud.send(outgoing({ tenantId: 'club-a', to: member }));
    await eventually(() => statusesOf(providerMessageId).length === 1, 'failed status');
    const [failed] = statusesOf(providerMessageId);
    expect(classifyWhatsAppCloudError({ code: failed.errors?.[0].code })).toBeInstanceOf(
      RecipientUnreachableError,
    );
  });

  it('a revoked token (190) is a configuration outage: not retried, not a refusal', async () => {
    const { cloud, pauses, caller } = adapter();
    const error = await cloud
      .send(outgoing({ tenantId: 'club-revoked', to: memberNumber() }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error).toMatchObject({ status: 401, code: 190 });
    expect(pauses).toEqual([]);
    expect(caller.breakerState('whatsapp-cloud', 'club-revoked')).toBe('closed');
  });

  it('Graph down (503), rate limited (429) or unreachable: an outage after three retries under 1/2/4 s', async () => {
    await admin('PUT', '/__admin/faults/whatsapp-cloud', { down: true });
    const down = adapter();
    const error = await down.cloud
      .send(outgoing({ tenantId: 'club-a', to: memberNumber() }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 2 });
    expect(error).not.toBeInstanceOf(RecipientUnreachableError);
    expect(error).not.toBeInstanceOf(MessageRefusedError);
    expect(down.pauses).toHaveLength(3);
    down.pauses.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(1_000 * 2 ** i));

    await admin('PUT', '/__admin/faults/whatsapp-cloud', { down: false, tooManyRequests: true });
    const limited = adapter();
    await expect(
      limited.cloud.send(outgoing({ tenantId: 'club-a', to: memberNumber() })),
    ).rejects.toMatchObject({
      status: 429,
      code: 130429,
    });
    expect(limited.pauses).toHaveLength(3);

    const nowhere = adapter(`http://127.0.0.1:${await freePort()}/graph`);
    await expect(nowhere.cloud.send(outgoing({ tenantId: 'club-a', to: memberNumber() }))).rejects.toThrow(
      /fetch failed/,
    );
    expect(nowhere.pauses).toHaveLength(3);
  });

  it('opens the breaker for the club whose sends keep failing, and only for that club', async () => {
    const { cloud, caller } = adapter();
    await admin('PUT', '/__admin/faults/whatsapp-cloud', { down: true });
    await expect(cloud.send(outgoing({ tenantId: 'club-a', to: memberNumber() }))).rejects.toMatchObject({
      status: 503,
    });
    await expect(cloud.send(outgoing({ tenantId: 'club-a', to: memberNumber() }))).rejects.toBeInstanceOf(
      CircuitOpenError,
    );
    expect(caller.breakerState('whatsapp-cloud', 'club-a')).toBe('open');
    await sandboxCall(sandbox.url, 'DELETE', '/__admin/faults');

    const member = memberNumber();
    await admin('PUT', `/whatsapp-cloud/__admin/numbers/${member}`, { window: 'open' });
    await expect(cloud.send(outgoing({ tenantId: 'club-a', to: member }))).rejects.toBeInstanceOf(
      CircuitOpenError,
    );
    const other = await cloud.send(outgoing({ tenantId: 'club-b', to: member }));
    expect(other.providerMessageId).toMatch(/^wamid\./);
    const history = await admin<{ phoneNumberId: string }[]>(
      'GET',
      `/whatsapp-cloud/__admin/messages?number=${encodeURIComponent(member)}`,
    );
    expect(history.map((m) => m.phoneNumberId)).toEqual([CLUB_B.phoneNumberId]);
  });
});
