import { createHmac, randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  AccessCheckinCompletedV1,
  CalendarConnectionBrokenV1,
  CalendarLinkRestoredV1,
  VideoHighlightReadyV1,
  type Envelope,
} from '@sportclub/contracts';
import { DataSource } from 'typeorm';
import {
  adminDatabaseUrl,
  eventually,
  freePort,
  kafkaCaughtUp,
  localInfraEnv,
  repoRoot,
  sandboxAdmin,
  startService,
  userToken,
  type RunningService,
  callAs,
} from '@sportclub/testing';

const TWILIO_SID = `AC${'5a'.repeat(16)}`;
const TWILIO_TOKEN = 'e2e-notifications-twilio-token';
const CHECKIN_SID = `HX${'c1'.repeat(16)}`;
const META_SECRET = 'e2e-notifications-meta-app-secret';
const META_VERIFY = 'e2e-notifications-verify-token';
/** The club's Twilio send rate in this run (sends per second): the announcement must stay within it. */
const SMS_RATE = 250;
const COURT = { id: `court-${randomUUID().slice(0, 8)}`, name: 'Quadra Central' };

const subjectOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;
/** Phone numbers no other run uses: the sandbox keeps message histories per number. */
const phone = () => `+55119${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;

/**
 * notifications end to end: the gateway (JWT, members, courts, the check-in saga, the preference and
 * staff routes), notifications and the partner sandbox's Twilio, WhatsApp Cloud API, FCM and SMTP — each
 * its own process, over the real Kafka, RabbitMQ, PostgreSQL and Keycloak.
 */
describe('notifications, end to end', () => {
  let sandbox: RunningService;
  let gateway: RunningService;
  let notifications: RunningService;
  /** The instance SIGKILLed during the announcement: stopped last, it drops the scratch database. */
  let killed: RunningService | undefined;
  let notificationsEnv: Record<string, string>;
  const tokens: Record<string, string> = {};
  const numbers = { ana: phone(), gabi: phone() };
  const emails = {
    ana: `ana-${randomUUID().slice(0, 6)}@example.com`,
    gabi: `gabi-${randomUUID().slice(0, 6)}@example.com`,
  };
  const pushToken = `e2e-device-${randomUUID()}`;

  beforeAll(async () => {
    const smtpPort = await freePort();
    sandbox = await startService('partner-sandbox', { env: { SMTP_PORT: String(smtpPort) } });
    const account = (await (await fetch(`${sandbox.url}/__admin/fcm/service-account`)).json()) as {
      project_id: string;
      client_email: string;
      private_key: string;
    };
    gateway = await startService('access-gateway', {
      env: {
        ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    notificationsEnv = {
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_WHATSAPP_FROM: '+551140000002',
      TWILIO_API_URL: sandbox.url,
      TWILIO_CONTENT_SIDS: `checkin_confirmado=${CHECKIN_SID}`,
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'EAAe2eNotifications',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352240001',
      WHATSAPP_CLOUD_APP_SECRET: META_SECRET,
      WHATSAPP_CLOUD_VERIFY_TOKEN: META_VERIFY,
      WHATSAPP_CLOUD_API_URL: `${sandbox.url}/graph`,
      FCM_PROJECT_ID: account.project_id,
      FCM_CLIENT_EMAIL: account.client_email,
      FCM_PRIVATE_KEY: account.private_key,
      FCM_API_URL: sandbox.url,
      FCM_TOKEN_URL: `${sandbox.url}/oauth2/token`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      SMTP_FROM: '"Clube Aurora" <avisos@aurora.example>',
      TWILIO_SMS_FROM: '+551140000003',
      PROVIDER_RATE_LIMITS: `twilio=${SMS_RATE}`,
      ANNOUNCEMENT_BATCH_SIZE: String(SMS_RATE),
    };
    notifications = await startService('notifications', { env: notificationsEnv });
    const admin = sandboxAdmin(sandbox.url);
    await admin('PUT', 'webhooks/twilio', {
      url: `${notifications.url}/webhooks/twilio/inbound/club-aurora`,
      secret: TWILIO_TOKEN,
    });
    await admin('PUT', 'webhooks/whatsapp-cloud', {
      url: `${notifications.url}/webhooks/whatsapp-cloud/club-aurora`,
      secret: META_SECRET,
    });
    await sandboxCall('PUT', `/twilio/__admin/accounts/${TWILIO_SID}/content-templates`, {
      templates: { [CHECKIN_SID]: 'Check-in confirmado na quadra {{1}} às {{2}}. Bom jogo!' },
    });
    for (const user of [
      'ana@aurora.test',
      'gabi@aurora.test',
      'bruno@aurora.test',
      'carla@aurora.test',
      'elisa@boreal.test',
      'fabio@boreal.test',
    ]) {
      tokens[user] = await userToken(user);
    }
    const staff = {
      authorization: `Bearer ${tokens['bruno@aurora.test']}`,
      'content-type': 'application/json',
    };
    const imported = await fetch(`${gateway.url}/v1/members/import`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({
        members: ['ana@aurora.test', 'gabi@aurora.test'].map((u) => ({ memberId: subjectOf(tokens[u]) })),
      }),
    });
    expect(imported.status).toBe(200);
    const court = await fetch(`${gateway.url}/v1/courts/${COURT.id}`, {
      method: 'PUT',
      headers: staff,
      body: JSON.stringify({ name: COURT.name, priceCentavos: 0 }),
    });
    expect(court.status).toBe(200);
    // Events other suites left on the shared topics (check-ins of these same users) are read first, so
    // none of them reaches a phone number a test sets below.
    await kafkaCaughtUp('notifications');
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([notifications?.stop(), gateway?.stop(), sandbox?.stop()]);
    await killed?.stop();
  });

  const call = (user: string, method: string, path: string, body?: unknown) =>
    callAs(gateway.url, tokens[user], method, path, body);
  /** A 200 answer's body (any other status fails the test with the answer). */
  const json = async <T = Record<string, unknown>>(res: Response | Promise<Response>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`${r.url} answered ${r.status}: ${await r.text()}`);
    return (await r.json()) as T;
  };
  async function sandboxCall<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  type TwilioMessage = { sid: string; direction: string; body: string; status: string };
  const whatsappTo = async (number: string) =>
    about(
      (
        await sandboxCall<TwilioMessage[]>(
          'GET',
          `/twilio/__admin/messages?number=${encodeURIComponent(number)}`,
        )
      ).filter((m) => m.direction === 'outbound-api'),
    );
  /** What reached an address or device about check-ins (session receipts also arrive on check-out). */
  const about = <T>(items: T[]) => items.filter((m) => JSON.stringify(m).includes('Check-in confirmado'));
  const mailTo = async (address: string) =>
    about(
      await sandboxCall<{ subject?: string }[]>(
        'GET',
        `/__admin/smtp/messages?to=${encodeURIComponent(address)}`,
      ),
    );
  const pushesTo = async (token: string) =>
    about(await sandboxCall<unknown[]>('GET', `/__admin/fcm/messages?token=${encodeURIComponent(token)}`));

  /** Puts an event on Kafka twice, as a producer retry would. */
  async function publishTwice(topic: string, event: Envelope): Promise<void> {
    const kafka = new Kafka({
      clientId: 'notifications-e2e',
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
    });
    const producer = kafka.producer();
    await producer.connect();
    const record = {
      key: event.subject,
      value: JSON.stringify(event),
      headers: { ce_id: event.id, ce_type: event.type },
    };
    await producer.send({ topic, messages: [record] });
    await producer.send({ topic, messages: [record] });
    await producer.disconnect();
  }

  /** Checks the member in (out of any court first) and waits until the saga ends. */
  async function checkIn(user: string): Promise<string> {
    const sessions = await json<{ sessionId: string; memberId: string }[]>(
      call(user, 'GET', '/v1/sessions?active=true'),
    );
    for (const s of sessions.filter((x) => x.memberId === subjectOf(tokens[user]))) {
      expect((await call(user, 'POST', '/v1/check-outs', { sessionId: s.sessionId })).status).toBe(200);
    }
    const res = await fetch(`${gateway.url}/v1/check-ins`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ courtId: COURT.id }),
    });
    expect(res.status).toBe(202);
    const { checkInId } = (await res.json()) as { checkInId: string };
    await eventually(
      async () =>
        (await json<{ status: string }>(call(user, 'GET', `/v1/check-ins/${checkInId}`))).status ===
        'COMPLETED',
      'check-in completed',
      30_000,
    );
    return checkInId;
  }

  it('a member sets contacts and consent; bad input is refused by field; only their club sees them', async () => {
    const ana = subjectOf(tokens['ana@aurora.test']);
    const saved = await call('ana@aurora.test', 'PATCH', '/v1/notifications/preferences', {
      phone: `(${numbers.ana.slice(3, 5)}) ${numbers.ana.slice(5, 10)}-${numbers.ana.slice(10)}`,
      email: emails.ana,
      channels: ['whatsapp', 'push', 'email'],
      consents: ['whatsapp', 'push', 'email'].map((channel) => ({ channel, granted: true })),
      addPushTokens: [pushToken],
    });
    expect(saved.status).toBe(200);
    const prefs = await json<{ phone: string; pushDevices: unknown[]; consents: { source: string }[] }>(
      saved,
    );
    expect(prefs).toMatchObject({
      memberId: ana,
      phone: numbers.ana,
      locale: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
    });
    expect(prefs.pushDevices).toEqual([
      { tokenSuffix: pushToken.slice(-6), registeredAt: expect.any(String) },
    ]);
    expect(prefs.consents.every((c) => c.source === 'app')).toBe(true);

    const landline = await call('ana@aurora.test', 'PATCH', '/v1/notifications/preferences', {
      phone: '(11) 3456-7890',
    });
    expect(landline.status).toBe(422);
    expect(await landline.json()).toMatchObject({ error: 'invalid_preference', field: 'phone' });
    const badHours = await call('ana@aurora.test', 'PATCH', '/v1/notifications/preferences', {
      quietHours: { start: '25:00', end: '07:00' },
    });
    expect(badHours.status).toBe(400);
    expect(
      (await call('ana@aurora.test', 'PATCH', '/v1/notifications/preferences', { sms: true })).status,
    ).toBe(400);

    const gabi = subjectOf(tokens['gabi@aurora.test']);
    expect(
      (await call('ana@aurora.test', 'GET', `/v1/notifications/preferences?memberId=${gabi}`)).status,
    ).toBe(403);
    expect(
      (await call('elisa@boreal.test', 'GET', `/v1/notifications/preferences?memberId=${ana}`)).status,
    ).toBe(404);
    const byStaff = await call('bruno@aurora.test', 'GET', `/v1/notifications/preferences?memberId=${ana}`);
    expect(byStaff.status).toBe(200);
    expect(await byStaff.json()).toMatchObject({ phone: numbers.ana });
  });

  it('a completed check-in reaches the member on WhatsApp in pt-BR with the court and the time', async () => {
    // Check-ins other suites made for ana before she had consented are hers too (failed, no channel).
    const ana = subjectOf(tokens['ana@aurora.test']);
    type Listed = { deliveryId: string; status: string; channel?: string };
    const anasDeliveries = () =>
      json<Listed[]>(call('bruno@aurora.test', 'GET', `/v1/notifications/deliveries?memberId=${ana}`));
    const earlier = new Set((await anasDeliveries()).map((d) => d.deliveryId));
    const before = Date.now();
    await checkIn('ana@aurora.test');
    let sent: TwilioMessage[] = [];
    await eventually(
      async () => (sent = await whatsappTo(numbers.ana)).length === 1,
      'WhatsApp message',
      60_000,
    );
    const local = (t: number) =>
      new Intl.DateTimeFormat('pt-BR', {
        timeZone: 'America/Sao_Paulo',
        hour: '2-digit',
        minute: '2-digit',
      }).format(t);
    expect(sent[0].body).toMatch(/^Check-in confirmado na quadra Quadra Central às \d\d:\d\d\. Bom jogo!$/);
    expect([local(before), local(Date.now())]).toContain(sent[0].body.match(/\d\d:\d\d/)![0]);

    // The callbacks come back signed; staff see the delivery move to read, another club sees none.
    await eventually(
      async () => {
        await new Promise((r) => setTimeout(r, 400)); // staff's rate limit is 120 requests a minute
        const mine = (await anasDeliveries()).filter((d) => !earlier.has(d.deliveryId));
        return mine.length === 1 && mine[0].status === 'read' && mine[0].channel === 'whatsapp';
      },
      'delivery read',
      30_000,
    );
    expect(
      (await call('elisa@boreal.test', 'GET', `/v1/notifications/deliveries?memberId=${ana}`)).status,
    ).toBe(404);
    expect((await call('ana@aurora.test', 'GET', '/v1/notifications/deliveries')).status).toBe(403);
  });

  it('nothing goes to a channel without consent; SAIR on WhatsApp opts out and the next message goes elsewhere', async () => {
    expect(
      (
        await call('gabi@aurora.test', 'PATCH', '/v1/notifications/preferences', {
          phone: numbers.gabi,
          email: emails.gabi,
          channels: ['whatsapp', 'email'],
          consents: [{ channel: 'email', granted: true }],
        })
      ).status,
    ).toBe(200);
    await checkIn('gabi@aurora.test');
    await eventually(async () => (await mailTo(emails.gabi)).length === 1, 'e-mail to gabi', 30_000);
    expect((await mailTo(emails.gabi))[0]).toMatchObject({ subject: 'Check-in confirmado' });
    expect(await whatsappTo(numbers.gabi)).toEqual([]);

    await sandboxCall('POST', '/twilio/__admin/inbound', { from: numbers.ana, body: 'Sair' });
    await eventually(
      async () => {
        const p = await json<{ consents: { channel: string; granted: boolean; source: string }[] }>(
          call('ana@aurora.test', 'GET', '/v1/notifications/preferences'),
        );
        return p.consents.some(
          (c) => c.channel === 'whatsapp' && !c.granted && c.source === 'whatsapp-reply',
        );
      },
      'opt-out recorded',
      30_000,
    );
    const whatsappBefore = (await whatsappTo(numbers.ana)).length;
    await checkIn('ana@aurora.test');
    await eventually(async () => (await pushesTo(pushToken)).length === 1, 'push to ana', 30_000);
    expect(await whatsappTo(numbers.ana)).toHaveLength(whatsappBefore);
  });

  it('forged webhooks are refused with 403 and change nothing; a redelivered event tells the member once', async () => {
    const url = `${notifications.url}/webhooks`;
    const [message] = await whatsappTo(numbers.ana);
    const forged = await fetch(`${url}/twilio/status/club-aurora`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl',
      },
      body: new URLSearchParams({
        MessageSid: message.sid,
        MessageStatus: 'failed',
        ErrorCode: '63003',
      }).toString(),
    });
    expect(forged.status).toBe(403);
    const metaBody = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const wrongSecret = createHmac('sha256', 'not-the-app-secret').update(metaBody).digest('hex');
    const meta = await fetch(`${url}/whatsapp-cloud/club-aurora`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${wrongSecret}` },
      body: metaBody,
    });
    expect(meta.status).toBe(403);
    const handshake = (token: string, mode = 'subscribe') =>
      fetch(
        `${url}/whatsapp-cloud/club-aurora?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=1158201444`,
      );
    expect((await handshake('guess')).status).toBe(403);
    const unsubscribe = await handshake(META_VERIFY, 'unsubscribe');
    expect(unsubscribe.status).toBe(400);
    expect(await unsubscribe.json()).toMatchObject({ field: 'hub.mode' });
    expect(await (await handshake(META_VERIFY)).text()).toBe('1158201444');
    const ana = subjectOf(tokens['ana@aurora.test']);
    const list = await json<{ kind: string; status: string; channel: string }[]>(
      call('bruno@aurora.test', 'GET', `/v1/notifications/deliveries?memberId=${ana}`),
    );
    expect(list.find((d) => d.channel === 'whatsapp')).toMatchObject({ status: 'read' });
    // A full page names the next one (Link, RFC 8288); following it moves on, never repeating a row.
    const firstPage = await call('bruno@aurora.test', 'GET', '/v1/notifications/deliveries?limit=1');
    const link = firstPage.headers.get('link') ?? '';
    expect(link).toMatch(/^<\/v1\/notifications\/deliveries\?limit=1&cursor=[^>]+>; rel="next"$/);
    const [one] = (await firstPage.json()) as { deliveryId: string }[];
    const [two] = await json<{ deliveryId: string }[]>(
      call('bruno@aurora.test', 'GET', link.slice(1, link.indexOf('>'))),
    );
    expect(two.deliveryId).not.toBe(one.deliveryId);

    // The same check-in event twice on Kafka (a producer retry): one e-mail.
    const gabi = subjectOf(tokens['gabi@aurora.test']);
    const event = AccessCheckinCompletedV1.envelope({
      source: 'access-gateway',
      tenantId: 'club-aurora',
      subject: randomUUID(),
      data: {
        checkInId: randomUUID(),
        memberId: gabi,
        courtId: COURT.id,
        courtName: COURT.name,
        sessionId: randomUUID(),
        chargedCentavos: 0,
      },
    });
    await publishTwice('access.checkin.v1', event);
    await eventually(async () => (await mailTo(emails.gabi)).length === 2, 'second e-mail to gabi', 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await mailTo(emails.gabi)).toHaveLength(2);
  });

  it('a booking put back in Google, a broken Google Calendar and a court highlight reach the member once, in words staff can change', async () => {
    const gabi = subjectOf(tokens['gabi@aurora.test']);
    const mailsAbout = async (subject: string) =>
      (
        await sandboxCall<{ subject?: string; text?: string }[]>(
          'GET',
          `/__admin/smtp/messages?to=${encodeURIComponent(emails.gabi)}`,
        )
      ).filter((m) => m.subject === subject);
    // The templates of the calendar kinds are listed and checked like the others.
    const listed = await json<{ kind: string; locale: string; variables: string[] }[]>(
      call('bruno@aurora.test', 'GET', '/v1/notifications/templates?kind=calendar.restored'),
    );
    expect(listed).toContainEqual(
      expect.objectContaining({
        kind: 'calendar.restored',
        locale: 'pt-BR',
        variables: ['court', 'date', 'time'],
      }),
    );
    const wrong = await call(
      'bruno@aurora.test',
      'PUT',
      '/v1/notifications/templates/calendar.restored/pt-BR',
      {
        title: 'Reserva',
        body: 'Você pagou {{amount}}',
      },
    );
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ field: 'body', variable: 'amount' });
    const saved = await call(
      'bruno@aurora.test',
      'PUT',
      '/v1/notifications/templates/calendar.broken/pt-BR',
      {
        title: 'Agenda do Google desconectada',
        body: 'Conecte de novo o Google Agenda no app do Clube Aurora para ver suas reservas nele.',
      },
    );
    expect(saved.status).toBe(200);

    // calendar-sync put back the event gabi deleted in Google; the event arrives twice: one e-mail.
    const bookingId = randomUUID();
    await publishTwice(
      'calendar.link.v1',
      CalendarLinkRestoredV1.envelope({
        source: 'calendar-sync',
        tenantId: 'club-aurora',
        subject: bookingId,
        data: {
          connectionId: randomUUID(),
          bookingId,
          memberId: gabi,
          eventId: bookingId.replace(/-/g, ''),
          change: 'deleted',
          courtName: 'Quadra 2',
          startsAt: '2026-12-10T22:00:00.000Z',
          endsAt: '2026-12-10T23:00:00.000Z',
          timeZone: 'America/Sao_Paulo',
        },
      }),
    );
    await eventually(
      async () => (await mailsAbout('Reserva mantida na sua agenda')).length === 1,
      'restored',
      30_000,
    );
    const [restored] = await mailsAbout('Reserva mantida na sua agenda');
    expect(restored.text).toContain(
      'reserva na quadra Quadra 2 em 10/12/2026 às 19:00 foi alterado no Google Agenda',
    );

    // Google refused gabi's grant: she is told in the club's own words.
    const connectionId = randomUUID();
    await publishTwice(
      'calendar.connection.v1',
      CalendarConnectionBrokenV1.envelope({
        source: 'calendar-sync',
        tenantId: 'club-aurora',
        subject: connectionId,
        data: {
          connectionId,
          scope: 'member',
          memberId: gabi,
          reason: 'invalid_grant: Token has been expired or revoked.',
        },
      }),
    );
    await eventually(
      async () => (await mailsAbout('Agenda do Google desconectada')).length === 1,
      'broken',
      30_000,
    );
    // A clip of the play gabi marked with the court's button is ready: she gets the link to open it.
    const highlightId = randomUUID();
    await publishTwice(
      'video.highlight.v1',
      VideoHighlightReadyV1.envelope({
        source: 'video',
        tenantId: 'club-aurora',
        subject: highlightId,
        data: {
          highlightId,
          streamId: randomUUID(),
          courtId: 'quadra-2',
          cameraId: 'cam-quadra-2',
          pressedAt: '2026-12-10T22:31:00.000Z',
          startSeconds: 1850,
          durationSeconds: 30,
          memberIds: [gabi],
        },
      }),
    );
    await eventually(
      async () => (await mailsAbout('Seu lance está pronto')).length === 1,
      'highlight',
      30_000,
    );
    expect((await mailsAbout('Seu lance está pronto'))[0].text).toContain(
      `quadra quadra-2 em 10/12/2026 às 19:31 está pronto: http://127.0.0.1:3000/v1/highlights/${highlightId}`,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await mailsAbout('Seu lance está pronto')).toHaveLength(1);
    expect(await mailsAbout('Reserva mantida na sua agenda')).toHaveLength(1);
    expect(await mailsAbout('Agenda do Google desconectada')).toHaveLength(1);
    const kinds = (
      await json<{ kind: string; status: string }[]>(
        call('bruno@aurora.test', 'GET', `/v1/notifications/deliveries?memberId=${gabi}`),
      )
    ).map((d) => d.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['calendar.restored', 'calendar.broken', 'highlight.ready']),
    );
  });

  // Before the outage test: its failures open club-aurora's WhatsApp breakers for 30 s.
  it("a club's admin sets its own Twilio account: messages go out under it, encrypted at rest, until removed", async () => {
    const CLUB_SID = `AC${'c1'.repeat(16)}`;
    const CLUB_TOKEN = 'aurora-own-twilio-auth-token';
    const CLUB_CHECKIN_SID = `HX${'c2'.repeat(16)}`;
    const path = '/v1/notifications/provider-accounts';
    const own = {
      accountSid: CLUB_SID,
      authToken: CLUB_TOKEN,
      whatsappFrom: '+551140000077',
      contentSids: { checkin_confirmado: CLUB_CHECKIN_SID },
    };
    await sandboxCall('PUT', `/twilio/__admin/accounts/${CLUB_SID}/content-templates`, {
      templates: { [CLUB_CHECKIN_SID]: 'Clube Aurora: check-in confirmado na quadra {{1}} às {{2}}.' },
    });
    const gabi = subjectOf(tokens['gabi@aurora.test']);
    expect(
      (
        await call('gabi@aurora.test', 'PATCH', '/v1/notifications/preferences', {
          consents: [{ channel: 'whatsapp', granted: true }],
        })
      ).status,
    ).toBe(200);
    /** Check-in messages to gabi sent under the account (receipts of the sessions closed on the way may follow). */
    const whatsappUnder = async (accountSid: string) =>
      (
        await sandboxCall<TwilioMessage[]>(
          'GET',
          `/twilio/__admin/messages?number=${encodeURIComponent(numbers.gabi)}&accountSid=${accountSid}`,
        )
      ).filter((m) => m.direction === 'outbound-api' && /check-in confirmado/i.test(m.body));
    type Delivery = { deliveryId: string; status: string; channel: string; kind: string };
    const checkInsOf = async () => {
      const res = await call('bruno@aurora.test', 'GET', `/v1/notifications/deliveries?memberId=${gabi}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as Delivery[]).filter((d) => d.kind === 'checkin.completed');
    };
    /** Checks gabi in; the new delivery's WhatsApp message was read (its signed callbacks were accepted). */
    const checkInReadOnWhatsApp = async () => {
      const before = new Set((await checkInsOf()).map((d) => d.deliveryId));
      await checkIn('gabi@aurora.test');
      await eventually(
        async () => {
          // Slower than `eventually` alone: staff's rate limit is 120 requests a minute.
          await new Promise((r) => setTimeout(r, 400));
          const fresh = (await checkInsOf()).filter((d) => !before.has(d.deliveryId));
          return fresh.length === 1 && fresh[0].channel === 'whatsapp' && fresh[0].status === 'read';
        },
        "gabi's WhatsApp message read",
        30_000,
      );
    };

    // Secrets are the admins': members and staff are refused; bad input is refused by field.
    for (const user of ['gabi@aurora.test', 'bruno@aurora.test']) {
      expect((await call(user, 'PUT', `${path}/twilio`, own)).status).toBe(403);
      expect((await call(user, 'GET', path)).status).toBe(403);
      expect((await call(user, 'DELETE', `${path}/twilio`)).status).toBe(403);
    }
    const badSid = await call('carla@aurora.test', 'PUT', `${path}/twilio`, { ...own, accountSid: 'AC123' });
    expect(badSid.status).toBe(400);
    expect(await badSid.json()).toMatchObject({
      error: 'invalid_request',
      problems: [{ field: 'accountSid', reason: expect.stringContaining('AC and 32 hex digits') }],
    });
    const smtpWithoutPass = await call('carla@aurora.test', 'PUT', `${path}/smtp`, {
      host: 'smtp.aurora.example',
      port: 587,
      secure: false,
      user: 'avisos',
      from: 'avisos@aurora.example',
    });
    expect(smtpWithoutPass.status).toBe(400);
    expect(await smtpWithoutPass.json()).toMatchObject({ problems: [{ field: 'pass' }] });
    expect((await call('carla@aurora.test', 'PUT', `${path}/pigeon`, own)).status).toBe(400);
    const badKey = await call('carla@aurora.test', 'PUT', `${path}/fcm`, {
      projectId: 'aurora-app',
      clientEmail: 'firebase-adminsdk@aurora-app.iam.gserviceaccount.com',
      privateKey: `-----BEGIN PRIVATE KEY-----\\n${'A'.repeat(80)}\\n-----END PRIVATE KEY-----\\n`,
    });
    expect(badKey.status).toBe(422);
    expect(await badKey.json()).toMatchObject({ error: 'invalid_provider_account', field: 'privateKey' });

    const saved = await call('carla@aurora.test', 'PUT', `${path}/twilio`, own);
    expect(saved.status).toBe(200);
    const view = {
      provider: 'twilio',
      settings: {
        accountSid: CLUB_SID,
        whatsappFrom: '+551140000077',
        smsFrom: '+551140000077',
        contentSids: { checkin_confirmado: CLUB_CHECKIN_SID },
      },
      updatedBy: subjectOf(tokens['carla@aurora.test']),
      updatedAt: expect.any(String),
    };
    const savedText = await saved.text();
    expect(JSON.parse(savedText)).toEqual(view);
    const listed = await call('carla@aurora.test', 'GET', path);
    const listedText = await listed.text();
    expect(JSON.parse(listedText)).toEqual([view]);
    expect(savedText + listedText).not.toContain(CLUB_TOKEN);
    // Another club's admin sees none of it and cannot remove it.
    expect(await json(call('fabio@boreal.test', 'GET', path))).toEqual([]);
    expect((await call('fabio@boreal.test', 'DELETE', `${path}/twilio`)).status).toBe(404);

    // At rest: one sealed row under the configured key; neither the token nor any setting in clear.
    const db = new Client({ connectionString: adminDatabaseUrl(notifications.database) });
    await db.connect();
    try {
      const { rows } = await db.query<{
        tenant_id: string;
        provider: string;
        key_id: string;
        iv: Buffer;
        ciphertext: Buffer;
        auth_tag: Buffer;
      }>('SELECT tenant_id, provider, key_id, iv, ciphertext, auth_tag FROM provider_account');
      expect(rows.map((r) => [r.tenant_id, r.provider, r.key_id])).toEqual([
        ['club-aurora', 'twilio', notifications.env.CREDENTIALS_KEYS.split(':')[0]],
      ]);
      const bytes = Buffer.concat([rows[0].iv, rows[0].ciphertext, rows[0].auth_tag]);
      for (const plain of [CLUB_TOKEN, CLUB_SID, '+551140000077']) {
        for (const encoding of ['utf8', 'latin1', 'hex', 'base64'] as const) {
          expect(bytes.toString(encoding)).not.toContain(Buffer.from(plain).toString(encoding));
        }
      }
      const { rows: text } = await db.query<{ row: string }>('SELECT p::text AS row FROM provider_account p');
      expect(text[0].row).not.toContain(CLUB_TOKEN);
    } finally {
      await db.end();
    }

    // The next WhatsApp message goes out under the club's account; its callbacks are checked with the club's token.
    const platformBefore = (await whatsappUnder(TWILIO_SID)).length;
    await checkInReadOnWhatsApp();
    const underClub = await whatsappUnder(CLUB_SID);
    expect(underClub).toHaveLength(1);
    expect(underClub[0].body).toMatch(
      /^Clube Aurora: check-in confirmado na quadra Quadra Central às \d\d:\d\d\.$/,
    );
    expect(await whatsappUnder(TWILIO_SID)).toHaveLength(platformBefore);

    // Removed: the platform's account again.
    expect((await call('carla@aurora.test', 'DELETE', `${path}/twilio`)).status).toBe(204);
    expect((await call('carla@aurora.test', 'DELETE', `${path}/twilio`)).status).toBe(404);
    expect(await json(call('carla@aurora.test', 'GET', path))).toEqual([]);
    await checkInReadOnWhatsApp();
    expect(await whatsappUnder(TWILIO_SID)).toHaveLength(platformBefore + 1);
    expect(await whatsappUnder(CLUB_SID)).toHaveLength(1);
  }, 120_000);

  it('WhatsApp down at both providers falls back to push; an unregistered device falls back to e-mail and is removed', async () => {
    expect(
      (
        await call('ana@aurora.test', 'PATCH', '/v1/notifications/preferences', {
          consents: [{ channel: 'whatsapp', granted: true }],
        })
      ).status,
    ).toBe(200);
    const admin = sandboxAdmin(sandbox.url);
    await admin('PUT', 'faults/twilio', { down: true });
    await admin('PUT', 'faults/whatsapp-cloud', { down: true });
    await sandboxCall('PUT', `/__admin/fcm/unregistered/${encodeURIComponent(pushToken)}`);
    const pushesBefore = (await pushesTo(pushToken)).length;
    try {
      await checkIn('ana@aurora.test');
      await eventually(async () => (await mailTo(emails.ana)).length === 1, 'e-mail to ana', 90_000);
    } finally {
      await admin('DELETE', 'faults');
    }
    expect((await pushesTo(pushToken)).length).toBe(pushesBefore);
    const prefs = await json<{ pushDevices: unknown[] }>(
      call('ana@aurora.test', 'GET', '/v1/notifications/preferences'),
    );
    expect(prefs.pushDevices).toEqual([]);
  }, 120_000);

  it('a member exports what notifications keeps about them, then erases it', async () => {
    const exported = await json<{
      consentHistory: { channel: string; granted: boolean; source: string }[];
      deliveries: { kind: string }[];
    }>(call('ana@aurora.test', 'GET', '/v1/notifications/my-data'));
    expect(exported.consentHistory).toContainEqual(
      expect.objectContaining({ channel: 'whatsapp', granted: false, source: 'whatsapp-reply' }),
    );
    expect(exported.deliveries.filter((d) => d.kind === 'checkin.completed').length).toBeGreaterThanOrEqual(
      3,
    );
    expect((await call('bruno@aurora.test', 'DELETE', '/v1/notifications/my-data')).status).toBe(403);
    // Naming another member is not a way to reach their data, nor silently ignored: 400, nothing erased.
    const gabi = subjectOf(tokens['gabi@aurora.test']);
    const other = await call('ana@aurora.test', 'DELETE', `/v1/notifications/my-data?memberId=${gabi}`);
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({
      problems: [{ field: 'memberId', reason: 'is not a parameter of this route' }],
    });
    const twice = await call('bruno@aurora.test', 'GET', '/v1/notifications/deliveries?limit=5&limit=6');
    expect(await twice.json()).toMatchObject({
      problems: [{ field: 'limit', reason: 'was given more than once' }],
    });

    const erased = await json<{ erased: Record<string, number> }>(
      call('ana@aurora.test', 'DELETE', '/v1/notifications/my-data'),
    );
    expect(erased.erased).toMatchObject({ preferences: 1, pushDevices: 0 });
    expect(erased.erased.deliveries).toBe(exported.deliveries.length);
    expect(erased.erased.consents).toBeGreaterThanOrEqual(4);
    const after = await json<{
      deliveries: unknown[];
      consentHistory: unknown[];
      preferences: Record<string, unknown>;
    }>(call('ana@aurora.test', 'GET', '/v1/notifications/my-data'));
    expect(after).toMatchObject({ deliveries: [], consentHistory: [] });
    expect(after.preferences.phone).toBeUndefined();
  });

  it('a 5,000-member announcement survives a SIGKILL midway: every consenting member gets exactly one SMS, within the rate', async () => {
    const members = Array.from({ length: 5_000 }, (_, i) => ({
      memberId: `bulk-${String(i).padStart(4, '0')}-${randomUUID().slice(0, 6)}`,
      phone: `+55118${String(10_000_000 + i)}`,
    }));
    const db = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(notifications.database!),
    }).initialize();
    try {
      await db.query(
        `INSERT INTO member_preferences (tenant_id, member_id, phone, channels, locale, time_zone)
         SELECT 'club-aurora', m, p, '{sms}', 'pt-BR', 'America/Sao_Paulo' FROM unnest($1::text[], $2::text[]) AS t(m, p)`,
        [members.map((m) => m.memberId), members.map((m) => m.phone)],
      );
      // Every tenth member never consented: the announcement must skip them.
      await db.query(
        `INSERT INTO consent_record (tenant_id, member_id, channel, granted, source, recorded_at)
         SELECT 'club-aurora', m, 'sms', true, 'app', now() FROM unnest($1::text[]) AS m`,
        [members.filter((_, i) => i % 10 !== 0).map((m) => m.memberId)],
      );
    } finally {
      await db.destroy();
    }
    const consenting = new Set(members.filter((_, i) => i % 10 !== 0).map((m) => m.phone));

    const started = await fetch(`${gateway.url}/v1/notifications/announcements`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens['bruno@aurora.test']}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        title: 'Quadras fechadas',
        text: 'As quadras fecham às 18h hoje para manutenção.',
        memberIds: members.map((m) => m.memberId),
      }),
    });
    expect(started.status).toBe(202);
    const { announcementId, total } = (await started.json()) as { announcementId: string; total: number };
    expect(total).toBe(consenting.size);
    type Progress = { status: string; planned: number; progress: Record<string, number> };
    /** The announcement as staff see it; undefined while notifications is down or slow to answer (503). */
    const progress = async (): Promise<Progress | undefined> => {
      const r = await call('bruno@aurora.test', 'GET', `/v1/notifications/announcements/${announcementId}`);
      return r.status === 200 ? ((await r.json()) as Progress) : undefined;
    };

    // Kill the service once about a third is planned, and start it again on the same database and address.
    await eventually(async () => ((await progress())?.planned ?? 0) >= total / 3, 'a third planned', 60_000);
    notifications.process.kill('SIGKILL');
    await new Promise((resolve) => notifications.process.once('exit', resolve));
    killed = notifications;
    notifications = await startService('notifications', {
      database: killed.database,
      port: Number(new URL(killed.url).port),
      env: notificationsEnv,
    });

    await eventually(
      async () => {
        const p = await progress();
        return p?.status === 'planned' && p.progress.pending === 0;
      },
      'every delivery settled',
      180_000,
    );
    const p = (await progress())!;
    expect(p.planned).toBe(total);
    expect(p.progress.failed).toBe(0);

    const sms = (
      await sandboxCall<{ to: string; channel: string; direction: string; statuses: { at: string }[] }[]>(
        'GET',
        '/twilio/__admin/messages?direction=outbound-api',
      )
    ).filter((m) => m.channel === 'sms' && m.to.startsWith('+55118'));
    const perNumber = new Map<string, number>();
    for (const m of sms) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
    expect([...perNumber.keys()].filter((n) => !consenting.has(n))).toEqual([]);
    expect([...consenting].filter((n) => perNumber.get(n) !== 1)).toEqual([]);

    // The limiter counts fixed one-second windows, so any sliding second holds at most two windows' worth.
    const times = sms.map((m) => Date.parse(m.statuses[0].at)).sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1_000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(2 * SMS_RATE);
    expect(times.length / ((times.at(-1)! - times[0]) / 1_000 + 1)).toBeLessThanOrEqual(SMS_RATE);
  }, 300_000);
});
