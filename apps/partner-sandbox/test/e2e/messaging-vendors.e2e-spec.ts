import { createHmac, randomInt } from 'node:crypto';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import {
  eventually,
  startService,
  startWebhookReceiver,
  type ReceivedWebhook,
  type RunningService,
  type WebhookReceiver,
} from '@sportclub/testing';

const TWILIO_ACCOUNT_TOKEN = 'e2e-twilio-account-auth-token-0001';
const META_APP_SECRET = 'e2e-whatsapp-cloud-app-secret-0001';
const ACCOUNT = `AC${'ab'.repeat(16)}`;
/** Another token for the same account: callbacks must be signed with the one the request used. */
const REQUEST_TOKEN = 'e2e-token-the-request-used-0002';
const WHATSAPP_FROM = '+551140000001';
const PHONE_NUMBER_ID = '106540352242922';
const TEMPLATE_SID = `HX${'0f'.repeat(16)}`;
const GRAPH_TOKEN = 'EAAe2eSandboxToken';

/** A fresh member number per test, so windows and histories never leak between tests. */
const memberNumber = () => `+55119${String(randomInt(10_000_000, 99_999_999))}`;

/**
 * The `twilio` SDK's own HTTP client, its requests to api.twilio.com sent to the sandbox instead —
 * the SDK's documented extension point for a custom HTTP client.
 */
class SandboxRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ timeout: 5_000 });
  }
  override request<T>(opts: RequestClient.RequestOptions<T>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.base) });
  }
}

const formParams = (raw: string) => Object.fromEntries(new URLSearchParams(raw));
const fullUrl = (receiver: WebhookReceiver, w: ReceivedWebhook) =>
  `${receiver.url}${w.path}${w.query.size ? `?${w.query}` : ''}`;

/**
 * The partner sandbox as the messaging vendors' clients see it: the official `twilio` SDK (its HTTP
 * client pointed at the sandbox) and plain fetch for the WhatsApp Cloud API. Status callbacks and
 * inbound messages land on a local receiver and are verified the way the platform verifies them:
 * Twilio's with the SDK's `validateRequest`, Meta's by recomputing `X-Hub-Signature-256`.
 */
describe('partner sandbox: Twilio and the WhatsApp Cloud API', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningService;
  let client: twilio.Twilio;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startService('partner-sandbox', {
      env: {
        TWILIO_WEBHOOK_URL: `${receiver.url}/twilio/inbound`,
        TWILIO_AUTH_TOKEN: TWILIO_ACCOUNT_TOKEN,
        WHATSAPP_CLOUD_WEBHOOK_URL: `${receiver.url}/whatsapp-cloud`,
        WHATSAPP_CLOUD_APP_SECRET: META_APP_SECRET,
      },
    });
    client = twilio(ACCOUNT, REQUEST_TOKEN, { httpClient: new SandboxRequestClient(sandbox.url) });
  });
  afterEach(() => admin('DELETE', '/__admin/faults'));
  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  describe('Twilio', () => {
    const statusCallback = (tag: string) => `${receiver.url}/twilio/status/tenant-e2e?attempt=${tag}`;
    const callbacksFor = (sid: string) =>
      receiver
        .on('/twilio/status/tenant-e2e')
        .filter((w) => formParams(w.raw).MessageSid === sid)
        .map((w) => ({ w, params: formParams(w.raw) }));
    const twilioError = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected Twilio to refuse the request');
        },
        (error: { status: number; code: number; message: string; moreInfo: string }) => error,
      );

    it('delivers a WhatsApp reply inside the window; every status callback verifies with validateRequest', async () => {
      const member = memberNumber();
      const inbound = await admin('POST', '/twilio/__admin/inbound', {
        from: member,
        to: WHATSAPP_FROM,
        body: 'Oi, quero reservar a quadra 2',
        accountSid: ACCOUNT,
      });
      expect(inbound.status).toBe(202);
      await eventually(
        () => receiver.on('/twilio/inbound').some((w) => formParams(w.raw).From === `whatsapp:${member}`),
        'inbound message',
      );
      const received = receiver
        .on('/twilio/inbound')
        .find((w) => formParams(w.raw).From === `whatsapp:${member}`)!;
      const inboundParams = formParams(received.raw);
      expect(inboundParams).toMatchObject({
        To: `whatsapp:${WHATSAPP_FROM}`,
        Body: 'Oi, quero reservar a quadra 2',
        AccountSid: ACCOUNT,
        WaId: member.slice(1),
        SmsStatus: 'received',
      });
      expect(inboundParams.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
      const inboundSignature = String(received.headers['x-twilio-signature']);
      expect(
        twilio.validateRequest(
          TWILIO_ACCOUNT_TOKEN,
          inboundSignature,
          fullUrl(receiver, received),
          inboundParams,
        ),
      ).toBe(true);

      const message = await client.messages.create({
        to: `whatsapp:${member}`,
        from: `whatsapp:${WHATSAPP_FROM}`,
        body: 'Reserva confirmada: quadra 2, 19h',
        statusCallback: statusCallback('a-1'),
      });
      expect(message).toMatchObject({
        status: 'queued',
        to: `whatsapp:${member}`,
        from: `whatsapp:${WHATSAPP_FROM}`,
        body: 'Reserva confirmada: quadra 2, 19h',
        accountSid: ACCOUNT,
        direction: 'outbound-api',
        errorCode: null,
      });
      expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
      expect(message.dateCreated).toBeInstanceOf(Date);

      await eventually(() => callbacksFor(message.sid).length === 4, 'four status callbacks');
      const callbacks = callbacksFor(message.sid);
      expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(['queued', 'sent', 'delivered', 'read']);
      for (const { w, params } of callbacks) {
        expect(w.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(w.query.get('attempt')).toBe('a-1');
        expect(params).toMatchObject({
          AccountSid: ACCOUNT,
          To: `whatsapp:${member}`,
          ChannelPrefix: 'whatsapp',
        });
        const signature = String(w.headers['x-twilio-signature']);
        expect(twilio.validateRequest(REQUEST_TOKEN, signature, fullUrl(receiver, w), params)).toBe(true);
        // Not the account's configured token, a forged value, nor altered parameters.
        expect(twilio.validateRequest(TWILIO_ACCOUNT_TOKEN, signature, fullUrl(receiver, w), params)).toBe(
          false,
        );
        expect(
          twilio.validateRequest(REQUEST_TOKEN, signature, fullUrl(receiver, w), {
            ...params,
            MessageStatus: 'x',
          }),
        ).toBe(false);
      }

      const fetched = await client.messages(message.sid).fetch();
      expect(fetched.status).toBe('read');
      const history = (await (
        await admin('GET', `/twilio/__admin/messages?number=${encodeURIComponent(member)}`)
      ).json()) as {
        direction: string;
        body: string;
        status: string;
      }[];
      expect(history.map((m) => [m.direction, m.body, m.status])).toEqual([
        ['inbound', 'Oi, quero reservar a quadra 2', 'received'],
        ['outbound-api', 'Reserva confirmada: quadra 2, 19h', 'read'],
      ]);
    });

    it('accepts a free-form WhatsApp message outside the window, then fails it with 63016; a content template goes through', async () => {
      const member = memberNumber();
      const freeForm = await client.messages.create({
        to: `whatsapp:${member}`,
        from: `whatsapp:${WHATSAPP_FROM}`,
        body: 'Sua aula começa em 1 hora',
        statusCallback: statusCallback('a-2'),
      });
      expect(freeForm.status).toBe('queued');
      await eventually(() => callbacksFor(freeForm.sid).length === 2, 'queued and failed callbacks');
      expect(callbacksFor(freeForm.sid).map((c) => [c.params.MessageStatus, c.params.ErrorCode])).toEqual([
        ['queued', undefined],
        ['failed', '63016'],
      ]);
      expect(await client.messages(freeForm.sid).fetch()).toMatchObject({
        status: 'failed',
        errorCode: 63016,
      });

      const set = await admin('PUT', `/twilio/__admin/accounts/${ACCOUNT}/content-templates`, {
        templates: { [TEMPLATE_SID]: 'Olá {{1}}, sua aula de {{2}} começa em 1 hora.' },
      });
      expect(set.status).toBe(200);
      const template = await client.messages.create({
        to: `whatsapp:${member}`,
        from: `whatsapp:${WHATSAPP_FROM}`,
        contentSid: TEMPLATE_SID,
        contentVariables: JSON.stringify({ 1: 'Ana', 2: 'tênis' }),
        statusCallback: statusCallback('a-3'),
      });
      expect(template.body).toBe('Olá Ana, sua aula de tênis começa em 1 hora.');
      await eventually(() => callbacksFor(template.sid).length === 4, 'template delivered and read');
      expect(callbacksFor(template.sid).at(-1)?.params.MessageStatus).toBe('read');

      const unknown = await twilioError(
        client.messages.create({
          to: `whatsapp:${member}`,
          from: `whatsapp:${WHATSAPP_FROM}`,
          contentSid: `HX${'1'.repeat(32)}`,
        }),
      );
      expect(unknown).toMatchObject({ status: 400, code: 21655 });
    });

    it('refuses what Twilio refuses on the request: 21211, 21610, 21910, 20003', async () => {
      const invalid = await twilioError(
        client.messages.create({ to: '+55 11 9', from: WHATSAPP_FROM, body: 'x' }),
      );
      expect(invalid).toMatchObject({
        status: 400,
        code: 21211,
        moreInfo: 'https://www.twilio.com/docs/errors/21211',
      });

      const member = memberNumber();
      expect((await admin('PUT', `/twilio/__admin/numbers/${member}`, { unsubscribed: true })).status).toBe(
        200,
      );
      expect(
        await twilioError(client.messages.create({ to: member, from: WHATSAPP_FROM, body: 'x' })),
      ).toMatchObject({
        status: 400,
        code: 21610,
      });
      // An SMS START from the member opts back in.
      await admin('POST', '/twilio/__admin/inbound', {
        from: member,
        to: WHATSAPP_FROM,
        body: 'START',
        channel: 'sms',
      });
      expect((await client.messages.create({ to: member, from: WHATSAPP_FROM, body: 'x' })).status).toBe(
        'queued',
      );

      expect(
        await twilioError(
          client.messages.create({ to: `whatsapp:${member}`, from: WHATSAPP_FROM, body: 'x' }),
        ),
      ).toMatchObject({ status: 400, code: 21910 });

      const other = twilio(`AC${'0'.repeat(31)}`, 'token', {
        httpClient: new SandboxRequestClient(sandbox.url),
      });
      expect(
        await twilioError(other.messages.create({ to: member, from: WHATSAPP_FROM, body: 'x' })),
      ).toMatchObject({
        status: 401,
        code: 20003,
      });
    });

    it('fails an SMS to an undeliverable number as undelivered (30003) after sending it', async () => {
      const member = memberNumber();
      await admin('PUT', `/twilio/__admin/numbers/${member}`, { undeliverable: true });
      const sms = await client.messages.create({
        to: member,
        from: WHATSAPP_FROM,
        body: 'Seu código: 1234',
        statusCallback: statusCallback('a-4'),
      });
      await eventually(() => callbacksFor(sms.sid).length === 3, 'three callbacks');
      expect(callbacksFor(sms.sid).map((c) => [c.params.MessageStatus, c.params.ErrorCode])).toEqual([
        ['queued', undefined],
        ['sent', undefined],
        ['undelivered', '30003'],
      ]);
      expect(callbacksFor(sms.sid)[0].params.ChannelPrefix).toBeUndefined();
    });
  });

  describe('WhatsApp Cloud API', () => {
    const send = (body: unknown, token = GRAPH_TOKEN, phoneNumberId = PHONE_NUMBER_ID) =>
      fetch(`${sandbox.url}/graph/v21.0/${phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const text = (to: string, body: string) => ({
      messaging_product: 'whatsapp',
      to,
      type: 'text',
      text: { body },
    });
    const template = (to: string, name: string, parameters: string[]) => ({
      messaging_product: 'whatsapp',
      to,
      type: 'template',
      template: {
        name,
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: parameters.map((p) => ({ type: 'text', text: p })) }],
      },
    });
    interface Change {
      value: {
        metadata: { phone_number_id: string };
        statuses?: { id: string; status: string; recipient_id: string; errors?: { code: number }[] }[];
        messages?: { from: string; id: string; type: string; text: { body: string } }[];
      };
    }
    const changes = () =>
      receiver.on('/whatsapp-cloud').map((w) => {
        const payload = JSON.parse(w.raw) as { object: string; entry: { changes: Change[] }[] };
        return { w, payload, value: payload.entry[0].changes[0].value };
      });
    const statusesOf = (wamid: string) =>
      changes()
        .flatMap((c) => c.value.statuses ?? [])
        .filter((s) => s.id === wamid);
    const metaSignature = (body: string) =>
      `sha256=${createHmac('sha256', META_APP_SECRET).update(body).digest('hex')}`;

    it('answers a member who wrote in with text; messages and statuses arrive signed with the app secret', async () => {
      const member = memberNumber();
      expect(
        (
          await admin('POST', '/whatsapp-cloud/__admin/inbound', {
            phoneNumberId: PHONE_NUMBER_ID,
            from: member,
            body: 'Tem horário amanhã?',
          })
        ).status,
      ).toBe(202);
      await eventually(
        () => changes().some((c) => c.value.messages?.[0]?.from === member.slice(1)),
        'inbound messages webhook',
      );
      const inbound = changes().find((c) => c.value.messages?.[0]?.from === member.slice(1))!;
      expect(inbound.payload.object).toBe('whatsapp_business_account');
      expect(inbound.value.messages?.[0]).toMatchObject({
        type: 'text',
        text: { body: 'Tem horário amanhã?' },
      });

      const answer = await send(text(member, 'Temos às 18h e às 20h.'));
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as {
        messaging_product: string;
        contacts: unknown[];
        messages: { id: string }[];
      };
      expect(body).toMatchObject({
        messaging_product: 'whatsapp',
        contacts: [{ input: member, wa_id: member.slice(1) }],
      });
      const wamid = body.messages[0].id;
      expect(wamid).toMatch(/^wamid\./);

      await eventually(() => statusesOf(wamid).length === 3, 'sent, delivered, read');
      expect(statusesOf(wamid).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
      for (const { w } of changes()) {
        expect(w.headers['x-hub-signature-256']).toBe(metaSignature(w.raw));
      }
      expect(changes().every((c) => c.value.metadata.phone_number_id === PHONE_NUMBER_ID)).toBe(true);
    });

    it('accepts free-form text outside the window, then fails it with 131047; an approved template is delivered', async () => {
      const member = memberNumber();
      const answer = await send(text(member, 'Lembrete: aula às 19h'));
      expect(answer.status).toBe(200);
      const wamid = ((await answer.json()) as { messages: { id: string }[] }).messages[0].id;
      await eventually(() => statusesOf(wamid).length === 1, 'failed status');
      expect(statusesOf(wamid)[0]).toMatchObject({ status: 'failed', errors: [{ code: 131047 }] });

      await admin('PUT', `/whatsapp-cloud/__admin/phone-numbers/${PHONE_NUMBER_ID}`, {
        templates: [{ name: 'class_reminder', language: 'pt_BR', body: 'Olá {{1}}, sua aula é às {{2}}.' }],
      });
      const sent = await send(template(member, 'class_reminder', ['Ana', '19h']));
      expect(sent.status).toBe(200);
      const sentBody = (await sent.json()) as { messages: { id: string; message_status: string }[] };
      expect(sentBody.messages[0].message_status).toBe('accepted');
      await eventually(() => statusesOf(sentBody.messages[0].id).length === 3, 'template read');

      const unknown = await send(template(member, 'no_such_template', []));
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 132001, type: 'OAuthException' } });
      const mismatch = await send(template(member, 'class_reminder', ['Ana']));
      expect(mismatch.status).toBe(400);
      expect(await mismatch.json()).toMatchObject({ error: { code: 132000 } });

      const history = (await (
        await admin('GET', `/whatsapp-cloud/__admin/messages?number=${member.slice(1)}`)
      ).json()) as {
        body: string;
        status: string;
      }[];
      expect(history.map((m) => [m.body, m.status])).toEqual([
        ['Lembrete: aula às 19h', 'failed'],
        ['Olá Ana, sua aula é às 19h.', 'read'],
      ]);
      await admin('PUT', `/whatsapp-cloud/__admin/phone-numbers/${PHONE_NUMBER_ID}`, { templates: null });
    });

    it('fails a template to a number not on WhatsApp with 131026; refuses a bad token (190) and a malformed number', async () => {
      const member = memberNumber();
      await admin('PUT', `/whatsapp-cloud/__admin/numbers/${member}`, { undeliverable: true });
      const answer = await send(template(member, 'any_template', []));
      const wamid = ((await answer.json()) as { messages: { id: string }[] }).messages[0].id;
      await eventually(() => statusesOf(wamid).length === 1, 'failed status');
      expect(statusesOf(wamid)[0]).toMatchObject({ status: 'failed', errors: [{ code: 131026 }] });

      const badToken = await send(text(member, 'x'), 'not-a-meta-token');
      expect(badToken.status).toBe(401);
      const badTokenBody = (await badToken.json()) as {
        error: { code: number; type: string; fbtrace_id: string };
      };
      expect(badTokenBody.error).toMatchObject({ code: 190, type: 'OAuthException' });
      expect(badTokenBody.error.fbtrace_id).toEqual(expect.any(String));

      const malformed = await send(text('12', 'x'));
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({
        error: { code: 100, error_data: { details: expect.stringMatching(/'to'/) } },
      });
    });
  });

  describe('faults', () => {
    it('down: Twilio answers 503 (20503) and Graph 503 (code 2), nothing sent', async () => {
      await admin('PUT', '/__admin/faults/twilio', { down: true });
      await admin('PUT', '/__admin/faults/whatsapp-cloud', { down: true });
      const member = memberNumber();
      const twilioDown = await client.messages
        .create({ to: member, from: WHATSAPP_FROM, body: 'x' })
        .catch((e: unknown) => e);
      expect(twilioDown).toMatchObject({ status: 503, code: 20503 });
      const graphDown = await fetch(`${sandbox.url}/graph/v21.0/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${GRAPH_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          to: member,
          type: 'text',
          text: { body: 'x' },
        }),
      });
      expect(graphDown.status).toBe(503);
      expect(await graphDown.json()).toMatchObject({ error: { code: 2, is_transient: true } });
      const history = await (
        await admin('GET', `/twilio/__admin/messages?number=${encodeURIComponent(member)}`)
      ).json();
      expect(history).toEqual([]);
    });

    it('tooManyRequests: 429 with Retry-After, in each vendor’s shape', async () => {
      await admin('PUT', '/__admin/faults/twilio', { tooManyRequests: true, retryAfterSeconds: 7 });
      await admin('PUT', '/__admin/faults/whatsapp-cloud', { tooManyRequests: true });
      const twilioLimited = await fetch(`${sandbox.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${ACCOUNT}:${REQUEST_TOKEN}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ To: memberNumber(), From: WHATSAPP_FROM, Body: 'x' }),
      });
      expect(twilioLimited.status).toBe(429);
      expect(twilioLimited.headers.get('retry-after')).toBe('7');
      expect(await twilioLimited.json()).toMatchObject({ code: 20429, status: 429 });
      const viaSdk = await client.messages
        .create({ to: memberNumber(), from: WHATSAPP_FROM, body: 'x' })
        .catch((e: unknown) => e);
      expect(viaSdk).toMatchObject({ status: 429, code: 20429 });

      const graphLimited = await fetch(`${sandbox.url}/graph/v21.0/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${GRAPH_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          to: memberNumber(),
          type: 'text',
          text: { body: 'x' },
        }),
      });
      expect(graphLimited.status).toBe(429);
      expect(graphLimited.headers.get('retry-after')).toBe('1');
      expect(await graphLimited.json()).toMatchObject({ error: { code: 130429 } });
    });

    it('latencyMs: answers come that much later', async () => {
      await admin('PUT', '/__admin/faults/twilio', { latencyMs: 400 });
      const started = Date.now();
      await client.messages.create({ to: memberNumber(), from: WHATSAPP_FROM, body: 'x' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });
  });
});
