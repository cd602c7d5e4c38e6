import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { Messaging } from 'firebase-admin/messaging';
import { SignJWT, importPKCS8 } from 'jose';
import { createTransport, type Transporter } from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
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
import { sandboxMessaging, type ServiceAccountFile } from '../support/firebase-admin';

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

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

/**
 * The partner sandbox as the messaging vendors' official clients see it, booted once: the `twilio` SDK
 * (its HTTP client pointed at the sandbox), plain fetch for the WhatsApp Cloud API, the Firebase Admin
 * SDK's FCM sends (through Google's service-account token flow, checked for real) and nodemailer
 * talking SMTP to the sandbox's server. Status callbacks and inbound messages land on a local receiver
 * and are verified the way the platform verifies them (Twilio's with the SDK's `validateRequest`,
 * Meta's by recomputing `X-Hub-Signature-256`); what devices and mailboxes received is read back
 * through the admin API.
 */
describe('partner sandbox: messaging vendors', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningService;
  let client: twilio.Twilio;
  let smtpPort: number;
  let account: ServiceAccountFile;
  let messaging: Messaging;
  const closers: (() => Promise<void> | void)[] = [];

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
    smtpPort = Number(sandbox.env.SMTP_PORT);
    account = await serviceAccount();
    messaging = fcm(account);
  });
  afterEach(() => admin('DELETE', '/__admin/faults'));
  afterAll(async () => {
    transports.forEach((t) => t.close());
    for (const close of closers) await close();
    await sandbox?.stop();
    await receiver?.stop();
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const serviceAccount = async (projectId?: string) => {
    const query = projectId ? `?projectId=${projectId}` : '';
    return (await (await admin('GET', `/__admin/fcm/service-account${query}`)).json()) as ServiceAccountFile;
  };
  const fcm = (file: ServiceAccountFile) => {
    const { messaging: m, close } = sandboxMessaging(sandbox.url, file);
    closers.push(close);
    return m;
  };
  const device = () => `device-${randomUUID()}`;
  const pushesTo = async (token: string) =>
    (await (
      await admin('GET', `/__admin/fcm/messages?token=${encodeURIComponent(token)}`)
    ).json()) as unknown[];
  const tokenRequest = (form: Record<string, string>) =>
    fetch(`${sandbox.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams(form) });
  const assertion = async (
    file: ServiceAccountFile,
    claims: { iat?: number; exp?: number; aud?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1_000);
    return new SignJWT({ scope: 'https://www.googleapis.com/auth/firebase.messaging' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(file.client_email)
      .setAudience(claims.aud ?? GOOGLE_TOKEN_AUDIENCE)
      .setIssuedAt(claims.iat ?? now)
      .setExpirationTime(claims.exp ?? now + 3_600)
      .sign(await importPKCS8(file.private_key, 'RS256'));
  };

  const transports: Transporter[] = [];
  const smtp = (auth?: { user: string; pass: string }) => {
    const t = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ...(auth && { auth }) });
    transports.push(t);
    return t;
  };
  const inbox = () => `member.${randomUUID().slice(0, 8)}@members.example`;
  const mailTo = async (to: string) =>
    (await (await admin('GET', `/__admin/smtp/messages?to=${encodeURIComponent(to)}`)).json()) as Record<
      string,
      unknown
    >[];

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

    describe('listing messages (messages.list)', () => {
      const sids = (messages: { sid: string }[]) => messages.map((m) => m.sid);
      const sentAt = async (sid: string) => {
        await eventually(
          async () => (await client.messages(sid).fetch()).status === 'delivered',
          `${sid} delivered`,
        );
        return (await client.messages(sid).fetch()).dateSent;
      };
      const sms = (to: string, from = WHATSAPP_FROM, body = 'Sua reserva está confirmada') =>
        client.messages.create({ to, from, body });
      const listRaw = (query: string, account = ACCOUNT) =>
        fetch(`${sandbox.url}/2010-04-01/Accounts/${account}/Messages.json?${query}`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${account}:${REQUEST_TOKEN}`).toString('base64')}`,
          },
        });

      it('newest first, filtered by To and From (channel prefix included) and by DateSent, <, >', async () => {
        const member = memberNumber();
        const first = await sms(member);
        const firstSent = await sentAt(first.sid);
        // Twilio's dates have second precision: what follows is at least a second later.
        await new Promise((resolve) => setTimeout(resolve, firstSent.getTime() + 1_050 - Date.now()));
        const later = new Date();
        const second = await sms(member);
        // Outside the window: accepted, then failed 63016 without ever being sent (date_sent null).
        const whatsapp = await client.messages.create({
          to: `whatsapp:${member}`,
          from: `whatsapp:${WHATSAPP_FROM}`,
          body: 'Sua aula começa em 1 hora',
        });
        await sms(memberNumber());
        const fromElsewhere = await sms(member, '+551140009999');
        const secondSent = await sentAt(second.sid);

        expect(sids(await client.messages.list({ to: member }))).toEqual([
          fromElsewhere.sid,
          second.sid,
          first.sid,
        ]);
        expect(sids(await client.messages.list({ to: member, from: WHATSAPP_FROM }))).toEqual([
          second.sid,
          first.sid,
        ]);
        const from = WHATSAPP_FROM;
        expect(sids(await client.messages.list({ to: member, from, dateSentAfter: secondSent }))).toEqual([
          second.sid,
        ]);
        expect(sids(await client.messages.list({ to: member, from, dateSentBefore: firstSent }))).toEqual([
          first.sid,
        ]);
        expect(sids(await client.messages.list({ to: member, from, dateSent: firstSent }))).toEqual([
          first.sid,
        ]);
        const unsent = await client.messages(whatsapp.sid).fetch();
        expect(unsent).toMatchObject({ status: 'failed', errorCode: 63016, dateSent: null });
        // Never sent: listed, but no DateSent filter matches it.
        const whatsappTo = `whatsapp:${member}`;
        expect(sids(await client.messages.list({ to: whatsappTo }))).toEqual([whatsapp.sid]);
        expect(await client.messages.list({ to: whatsappTo, dateSentAfter: later })).toEqual([]);
        expect(await client.messages.list({ to: whatsappTo, dateSentBefore: firstSent })).toEqual([]);
        // Another account sees none of them.
        const otherAccount = twilio(`AC${'cd'.repeat(16)}`, 'token', {
          httpClient: new SandboxRequestClient(sandbox.url),
        });
        expect(await otherAccount.messages.list({ to: member })).toEqual([]);
      });

      it('pages as Twilio does: PageSize, the next and previous pages the SDK follows, the page shape', async () => {
        const member = memberNumber();
        const created: string[] = [];
        for (let i = 0; i < 5; i++) created.push((await sms(member, WHATSAPP_FROM, `mensagem ${i}`)).sid);
        const newestFirst = [...created].reverse();

        expect(sids(await client.messages.list({ to: member, pageSize: 2 }))).toEqual(newestFirst);
        expect(sids(await client.messages.list({ to: member, limit: 3 }))).toEqual(newestFirst.slice(0, 3));
        const page = await client.messages.page({ to: member, pageSize: 2 });
        expect(sids(page.instances)).toEqual(newestFirst.slice(0, 2));
        expect(page.previousPageUrl).toBeUndefined();
        const next = (await page.nextPage())!;
        expect(sids(next.instances)).toEqual(newestFirst.slice(2, 4));
        expect(sids((await next.previousPage())!.instances)).toEqual(newestFirst.slice(0, 2));
        const last = (await next.nextPage())!;
        expect(sids(last.instances)).toEqual(newestFirst.slice(4));
        expect(last.nextPageUrl).toBeUndefined();

        const raw = await listRaw(`To=${encodeURIComponent(member)}&PageSize=2`);
        expect(raw.status).toBe(200);
        const base = `/2010-04-01/Accounts/${ACCOUNT}/Messages.json?To=${encodeURIComponent(member)}&PageSize=2`;
        const body = (await raw.json()) as Record<string, unknown> & { messages: { sid: string }[] };
        expect(body).toEqual({
          messages: [
            expect.objectContaining({ sid: newestFirst[0], to: member, direction: 'outbound-api' }),
            expect.objectContaining({ sid: newestFirst[1], body: 'mensagem 3' }),
          ],
          page: 0,
          page_size: 2,
          start: 0,
          end: 1,
          uri: `${base}&Page=0`,
          first_page_uri: `${base}&Page=0`,
          next_page_uri: `${base}&Page=1&PageToken=PA${newestFirst[1]}`,
          previous_page_uri: null,
        });
      });

      it('refuses a malformed date or page size (20001); caps PageSize at 1000', async () => {
        const badDate = await listRaw(`DateSent${encodeURIComponent('>')}=yesterday`);
        expect(badDate.status).toBe(400);
        expect(await badDate.json()).toMatchObject({
          code: 20001,
          message: expect.stringContaining('DateSent>'),
        });
        const badSize = await listRaw('PageSize=0');
        expect(badSize.status).toBe(400);
        expect(await badSize.json()).toMatchObject({
          code: 20001,
          message: expect.stringContaining('PageSize'),
        });
        const capped = await listRaw(`To=${encodeURIComponent(memberNumber())}&PageSize=5000`);
        expect(await capped.json()).toMatchObject({ page_size: 1000, messages: [] });
      });

      it('the admin API lists every message without a number, outbound only on request', async () => {
        const member = memberNumber();
        const inbound = (await (
          await admin('POST', '/twilio/__admin/inbound', { from: member, to: WHATSAPP_FROM, body: 'Oi' })
        ).json()) as { sid: string };
        // More than one Twilio page holds, in one answer.
        const outbound: string[] = [];
        for (let batch = 0; batch < 24; batch++) {
          const sent = await Promise.all(
            Array.from({ length: 50 }, () => sms(memberNumber(), WHATSAPP_FROM, 'lembrete')),
          );
          outbound.push(...sids(sent));
        }

        const all = (await (await admin('GET', '/twilio/__admin/messages')).json()) as {
          sid: string;
          direction: string;
        }[];
        expect(sids(all)).toEqual(expect.arrayContaining([inbound.sid, ...outbound]));
        const onlyOutbound = (await (
          await admin('GET', '/twilio/__admin/messages?direction=outbound-api')
        ).json()) as { sid: string; direction: string }[];
        expect(sids(onlyOutbound)).toEqual(expect.arrayContaining(outbound));
        expect(sids(onlyOutbound)).not.toContain(inbound.sid);
        expect(new Set(onlyOutbound.map((m) => m.direction))).toEqual(new Set(['outbound-api']));
        const sideways = await admin('GET', '/twilio/__admin/messages?direction=sideways');
        expect(sideways.status).toBe(400);
        expect(await sideways.json()).toMatchObject({ field: 'direction' });
      });
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

  describe('Google OAuth token endpoint', () => {
    it("exchanges a service account's signed assertion for a bearer token", async () => {
      const res = await tokenRequest({ grant_type: JWT_BEARER, assertion: await assertion(account) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        access_token: expect.stringMatching(/^ya29\./),
        expires_in: 3_599,
        token_type: 'Bearer',
      });
    });

    it('refuses an assertion signed with another key, an unknown account, a stale one, the wrong audience or grant', async () => {
      const other = await serviceAccount('other-project');
      const forged = { ...account, private_key: other.private_key };
      const stranger = { ...account, client_email: 'someone@elsewhere.iam.gserviceaccount.com' };
      const now = Math.floor(Date.now() / 1_000);
      const cases: [Record<string, string>, string, RegExp][] = [
        [
          { grant_type: JWT_BEARER, assertion: await assertion(forged) },
          'invalid_grant',
          /Invalid JWT Signature/,
        ],
        [
          { grant_type: JWT_BEARER, assertion: await assertion(stranger) },
          'invalid_grant',
          /account not found/,
        ],
        [
          {
            grant_type: JWT_BEARER,
            assertion: await assertion(account, { iat: now - 7_200, exp: now - 3_600 }),
          },
          'invalid_grant',
          /short-lived token/,
        ],
        [
          { grant_type: JWT_BEARER, assertion: await assertion(account, { exp: now + 7_200 }) },
          'invalid_grant',
          /short-lived token/,
        ],
        [
          { grant_type: JWT_BEARER, assertion: await assertion(account, { aud: sandbox.url }) },
          'invalid_grant',
          /audience/,
        ],
        [{ grant_type: JWT_BEARER, assertion: 'not-a-jwt' }, 'invalid_grant', /not an RS256 JWS/],
        [{ grant_type: 'client_credentials' }, 'unsupported_grant_type', /client_credentials/],
        [{ grant_type: JWT_BEARER }, 'invalid_request', /assertion/],
      ];
      for (const [form, error, description] of cases) {
        const res = await tokenRequest(form);
        expect({ status: res.status, body: await res.json() }).toEqual({
          status: 400,
          body: { error, error_description: expect.stringMatching(description) },
        });
      }
    });

    it('hands out a stable default account and one account per further project', async () => {
      expect(account).toMatchObject({
        type: 'service_account',
        project_id: 'sportclub-sandbox',
        client_email: 'firebase-adminsdk@sportclub-sandbox.iam.gserviceaccount.com',
        private_key: expect.stringContaining('-----BEGIN PRIVATE KEY-----'),
        token_uri: `${sandbox.url}/oauth2/token`,
      });
      expect(await serviceAccount('club-b-push')).toEqual(await serviceAccount('club-b-push'));
      expect((await serviceAccount('club-b-push')).private_key).not.toBe(account.private_key);
      const bad = await admin('GET', '/__admin/fcm/service-account?projectId=Not_A_Project');
      expect(bad.status).toBe(400);
    });
  });

  describe('FCM messages:send', () => {
    it('delivers a notification with data and platform options, readable per token', async () => {
      const token = device();
      const name = await messaging.send({
        token,
        notification: { title: 'Court 3 is ready', body: 'Your booking starts at 19:00.' },
        data: { deliveryId: 'd-1' },
        android: { priority: 'high' },
        apns: { headers: { 'apns-priority': '10' } },
      });
      expect(name).toMatch(/^projects\/sportclub-sandbox\/messages\/0:\d+%[0-9a-f]{16}$/);
      expect(await pushesTo(token)).toEqual([
        {
          name,
          projectId: 'sportclub-sandbox',
          token,
          notification: { title: 'Court 3 is ready', body: 'Your booking starts at 19:00.' },
          data: { deliveryId: 'd-1' },
          android: { priority: 'high' },
          apns: { headers: { 'apns-priority': '10' } },
          receivedAt: expect.any(String),
        },
      ]);
      expect(await pushesTo(device())).toEqual([]);
    });

    it('answers UNREGISTERED for an uninstalled app and INVALID_ARGUMENT on message.token for a malformed token', async () => {
      const token = device();
      expect((await admin('PUT', `/__admin/fcm/unregistered/${token}`)).status).toBe(204);
      await expect(messaging.send({ token, notification: { title: 't' } })).rejects.toMatchObject({
        code: 'messaging/registration-token-not-registered',
        httpResponse: { status: 404 },
      });
      await expect(messaging.send({ token: `unregistered-${randomUUID()}` })).rejects.toMatchObject({
        code: 'messaging/registration-token-not-registered',
      });
      await expect(messaging.send({ token: 'short' })).rejects.toMatchObject({
        code: 'messaging/invalid-argument',
        httpResponse: {
          status: 400,
          data: {
            error: {
              status: 'INVALID_ARGUMENT',
              details: expect.arrayContaining([
                expect.objectContaining({
                  fieldViolations: [expect.objectContaining({ field: 'message.token' })],
                }),
              ]),
            },
          },
        },
      });

      expect((await admin('DELETE', `/__admin/fcm/unregistered/${token}`)).status).toBe(204);
      await expect(messaging.send({ token })).resolves.toMatch(/^projects\//);
    });

    it('checks a dry run, token included, and delivers nothing', async () => {
      const token = device();
      await expect(messaging.send({ token, notification: { title: 't' } }, true)).resolves.toBe(
        'projects/sportclub-sandbox/messages/fake_message_id',
      );
      expect(await pushesTo(token)).toEqual([]);
      await expect(messaging.send({ token: `unregistered-${randomUUID()}` }, true)).rejects.toMatchObject({
        code: 'messaging/registration-token-not-registered',
      });
    });

    it('refuses reserved data keys and payloads over 4 KB', async () => {
      await expect(
        messaging.send({ token: device(), data: { 'google.sent_time': '1' } }),
      ).rejects.toMatchObject({
        code: 'messaging/invalid-argument',
        message: expect.stringContaining('google.sent_time'),
      });
      await expect(
        messaging.send({ token: device(), data: { blob: 'x'.repeat(5_000) } }),
      ).rejects.toMatchObject({
        code: 'messaging/invalid-argument',
        message: expect.stringContaining('too big'),
      });
    });

    it("answers 401 to a token it did not issue and 403 to another project's account", async () => {
      const send = (project: string, authorization: string) =>
        fetch(`${sandbox.url}/v1/projects/${project}/messages:send`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ message: { token: device() } }),
        });
      const forged = await send('sportclub-sandbox', 'Bearer ya29.sandbox.e30.AAAA');
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });

      const other = fcm(await serviceAccount('club-b-push'));
      await expect(other.send({ token: device() })).resolves.toMatch(/^projects\/club-b-push\//);
      const token = (await (
        await tokenRequest({
          grant_type: JWT_BEARER,
          assertion: await assertion(await serviceAccount('club-b-push')),
        })
      ).json()) as { access_token: string };
      const denied = await send('sportclub-sandbox', `Bearer ${token.access_token}`);
      expect(denied.status).toBe(403);
      expect(await denied.json()).toMatchObject({ error: { status: 'PERMISSION_DENIED' } });
    });
  });

  describe('SMTP', () => {
    it('accepts mail and keeps it parsed, per envelope recipient', async () => {
      const to = inbox();
      const cc = inbox();
      const info = await smtp({ user: 'club-a', pass: 'secret' }).sendMail({
        from: '"Aurora Sports" <no-reply@aurora.example>',
        to,
        cc,
        subject: 'Receipt',
        text: 'R$ 80,00 charged.',
        html: '<p>R$ 80,00 charged.</p>',
        messageId: '<attempt-1@aurora.example>',
      });
      expect(info.accepted).toEqual([to, cc]);
      expect(info.response).toMatch(/^250 .*queued as/);

      const [mail, ...more] = await mailTo(to);
      expect(more).toEqual([]);
      expect(mail).toMatchObject({
        envelope: { mailFrom: 'no-reply@aurora.example', rcptTo: [to, cc] },
        authUser: 'club-a',
        messageId: '<attempt-1@aurora.example>',
        from: '"Aurora Sports" <no-reply@aurora.example>',
        to: [to],
        subject: 'Receipt',
        text: 'R$ 80,00 charged.',
        html: '<p>R$ 80,00 charged.</p>',
      });
      expect(await mailTo(cc)).toEqual([mail]);
      expect((await admin('GET', '/__admin/smtp/messages?to=not-an-address')).status).toBe(400);
    });

    it('bounces marked addresses and bounce… local parts at RCPT TO with 550 5.1.1', async () => {
      const marked = inbox();
      expect((await admin('PUT', `/__admin/smtp/bouncing/${marked}`)).status).toBe(204);
      for (const to of [marked, 'bounce@members.example']) {
        await expect(smtp().sendMail({ from: 'a@aurora.example', to, text: 'x' })).rejects.toMatchObject({
          code: 'EENVELOPE',
          command: 'RCPT TO',
          responseCode: 550,
          response: expect.stringMatching(/^550 5\.1\.1 /),
        });
      }
      const kept = inbox();
      const info = await smtp().sendMail({ from: 'a@aurora.example', to: [marked, kept], text: 'x' });
      expect({ accepted: info.accepted, rejected: info.rejected }).toEqual({
        accepted: [kept],
        rejected: [marked],
      });

      expect((await admin('DELETE', `/__admin/smtp/bouncing/${marked}`)).status).toBe(204);
      await expect(
        smtp().sendMail({ from: 'a@aurora.example', to: marked, text: 'x' }),
      ).resolves.toBeDefined();
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

    it('down: FCM answers 503 UNAVAILABLE in Google’s shape', async () => {
      // One raw call: the SDK would retry a 503 four times by itself.
      await admin('PUT', '/__admin/faults/fcm', { down: true });
      const { access_token } = (await (
        await tokenRequest({ grant_type: JWT_BEARER, assertion: await assertion(account) })
      ).json()) as { access_token: string };
      const res = await fetch(`${sandbox.url}/v1/projects/sportclub-sandbox/messages:send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: { token: device() } }),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        error: { code: 503, status: 'UNAVAILABLE', details: [{ errorCode: 'UNAVAILABLE' }] },
      });
    });

    it('down: SMTP answers 421 and closes the connection; latencyMs delays MAIL FROM', async () => {
      await admin('PUT', '/__admin/faults/smtp', { down: true });
      await expect(
        smtp().sendMail({ from: 'a@aurora.example', to: inbox(), text: 'x' }),
      ).rejects.toMatchObject({
        responseCode: 421,
      });

      await admin('PUT', '/__admin/faults/smtp', { down: false, latencyMs: 400 });
      const started = Date.now();
      await smtp().sendMail({ from: 'a@aurora.example', to: inbox(), text: 'x' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
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

      // Through the Admin SDK, which does not retry a 429 by itself.
      await admin('PUT', '/__admin/faults/fcm', { tooManyRequests: true, retryAfterSeconds: 7 });
      await expect(messaging.send({ token: device() })).rejects.toMatchObject({
        code: 'messaging/message-rate-exceeded',
        httpResponse: {
          status: 429,
          headers: expect.objectContaining({ 'retry-after': '7' }),
          data: { error: { status: 'RESOURCE_EXHAUSTED', details: [{ errorCode: 'QUOTA_EXCEEDED' }] } },
        },
      });
    });

    it('tooManyRequests on SMTP: 454 4.7.0 at MAIL FROM, and the session stays open', async () => {
      await admin('PUT', '/__admin/faults/smtp', { tooManyRequests: true, retryAfterSeconds: 7 });
      const to = inbox();
      await expect(smtp().sendMail({ from: 'a@aurora.example', to, text: 'x' })).rejects.toMatchObject({
        command: 'MAIL FROM',
        responseCode: 454,
        response: '454 4.7.0 Throttling failure: Maximum sending rate exceeded (try again in 7 s)',
      });

      // Unlike `down` (421), the server keeps the connection: the same session sends once it is lifted.
      const connection = new SMTPConnection({ host: '127.0.0.1', port: smtpPort });
      closers.push(() => connection.close());
      await new Promise<void>((resolve, reject) =>
        connection.connect((error) => (error ? reject(error) : resolve())),
      );
      const send = () =>
        new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
          connection.send({ from: 'a@aurora.example', to: [to] }, 'Subject: x\r\n\r\nx\r\n', (error, info) =>
            error ? reject(error) : resolve(info),
          ),
        );
      await expect(send()).rejects.toMatchObject({ responseCode: 454 });
      await admin('DELETE', '/__admin/faults');
      await new Promise<void>((resolve, reject) =>
        connection.reset((error) => (error ? reject(error) : resolve())),
      );
      await expect(send()).resolves.toMatchObject({ accepted: [to] });
      expect(await mailTo(to)).toHaveLength(1);
    });

    it('latencyMs: answers come that much later', async () => {
      await admin('PUT', '/__admin/faults/twilio', { latencyMs: 400 });
      const started = Date.now();
      await client.messages.create({ to: memberNumber(), from: WHATSAPP_FROM, body: 'x' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });
  });
});
