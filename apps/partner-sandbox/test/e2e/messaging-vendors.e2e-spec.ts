import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { createTransport, type Transporter } from 'nodemailer';
import type { Messaging } from 'firebase-admin/messaging';
import { freePort, startService, type RunningService } from '@sportclub/testing';
import { sandboxMessaging, type ServiceAccountFile } from '../support/firebase-admin';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

/**
 * The partner sandbox as the messaging vendors' official SDKs see it: the Firebase Admin SDK's FCM
 * sends (through Google's service-account token flow, checked for real) and nodemailer talking SMTP
 * to the sandbox's server. What devices and mailboxes received is read back through the admin API.
 */
describe('partner sandbox: FCM and SMTP', () => {
  let sandbox: RunningService;
  let smtpPort: number;
  let account: ServiceAccountFile;
  let messaging: Messaging;
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    smtpPort = await freePort();
    sandbox = await startService('partner-sandbox', { env: { SMTP_PORT: String(smtpPort) } });
    account = await serviceAccount();
    messaging = fcm(account);
  });
  afterEach(() => admin('DELETE', '/__admin/faults'));
  afterAll(async () => {
    for (const close of closers) await close();
    await sandbox?.stop();
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

    it('throttles with 429 and Retry-After, goes down with 503 UNAVAILABLE, in Google’s shape', async () => {
      await admin('PUT', '/__admin/faults/fcm', { rateLimitSeconds: 7 });
      await expect(messaging.send({ token: device() })).rejects.toMatchObject({
        code: 'messaging/message-rate-exceeded',
        httpResponse: { status: 429, headers: expect.objectContaining({ 'retry-after': '7' }) },
      });

      // One raw call: the SDK would retry a 503 four times by itself.
      await admin('PUT', '/__admin/faults/fcm', { rateLimitSeconds: 0, down: true });
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
  });

  describe('SMTP', () => {
    const transports: Transporter[] = [];
    afterAll(() => transports.forEach((t) => t.close()));
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

    it('answers 421 when down, and waits its latency before MAIL FROM', async () => {
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
  });
});
