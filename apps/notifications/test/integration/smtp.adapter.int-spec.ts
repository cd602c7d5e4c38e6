import { randomUUID } from 'node:crypto';
import { CircuitOpenError } from '@sportclub/resilience';
import { freePort, sandboxAdmin, startService, type RunningService } from '@sportclub/testing';
import {
  RecipientUnreachableError,
  type OutgoingMessage,
} from '../../src/deliveries/application/ports/channel-provider.port';
import { SmtpAdapter } from '../../src/deliveries/infrastructure/channels/smtp.adapter';
import { ProviderOutageError } from '../../src/deliveries/infrastructure/channels/provider-call';
import { ClubCredentials, messagingCaller } from '../support/channel-test-kit';

interface ReceivedMail {
  envelope: { mailFrom: string; rcptTo: string[] };
  authUser?: string;
  messageId: string;
  from: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * The SMTP adapter over nodemailer against the partner sandbox's real SMTP server: mail is parsed on
 * arrival and read back through the admin API; bounces, outages and faults come back classified.
 */
describe('SmtpAdapter against the partner sandbox', () => {
  let sandbox: RunningService;
  let admin: ReturnType<typeof sandboxAdmin>;
  let smtpPort: number;
  const credentials = new ClubCredentials();
  const adapters: SmtpAdapter[] = [];
  const callers: { shutdown(): void }[] = [];

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    smtpPort = Number(sandbox.env.SMTP_PORT);
    admin = sandboxAdmin(sandbox.url);
    const account = { host: '127.0.0.1', port: smtpPort, secure: false };
    credentials
      .set('club-a', 'smtp', { ...account, from: '"Aurora Sports" <no-reply@aurora.example>' })
      .set('club-b', 'smtp', {
        ...account,
        user: 'club-b',
        pass: 'club-b-smtp-password',
        from: 'avisos@club-b.example',
      })
      .set('club-gone', 'smtp', { ...account, port: await freePort(), from: 'no-reply@gone.example' });
  });
  afterEach(async () => {
    await admin('DELETE', 'faults');
    adapters.splice(0).forEach((a) => a.close());
    callers.splice(0).forEach((c) => c.shutdown());
  });
  afterAll(() => sandbox?.stop());

  function adapter(policy: { retries?: number } = {}) {
    const { caller, pauses } = messagingCaller(policy);
    callers.push(caller);
    const smtp = new SmtpAdapter({ caller, credentials });
    adapters.push(smtp);
    return { smtp, caller, pauses };
  }

  const mail = (to: string, tenantId = 'club-a'): OutgoingMessage => ({
    tenantId,
    deliveryId: randomUUID(),
    attemptId: randomUUID(),
    channel: 'email',
    to,
    title: 'Your receipt for the court booking',
    body: 'Court 3, Tuesday 19:00–20:00: R$ 80,00 charged to your credit.',
  });
  const inbox = () => `ana.${randomUUID().slice(0, 8)}@members.example`;
  const received = async (to: string) =>
    (await (await admin('GET', `smtp/messages?to=${encodeURIComponent(to)}`)).json()) as ReceivedMail[];

  it('sends a plain-text mail with the title as subject and the attempt in its Message-ID', async () => {
    const { smtp } = adapter();
    const to = inbox();
    const message = mail(to);

    const { providerMessageId } = await smtp.send(message);

    expect(providerMessageId).toBe(`<${message.attemptId}@aurora.example>`);
    const [got, ...more] = await received(to);
    expect(more).toEqual([]);
    expect(got).toMatchObject({
      envelope: { mailFrom: 'no-reply@aurora.example', rcptTo: [to] },
      messageId: providerMessageId,
      from: '"Aurora Sports" <no-reply@aurora.example>',
      subject: message.title,
      text: `${message.body}\n`,
      headers: expect.objectContaining({ 'x-delivery-id': message.deliveryId }),
    });
    expect(got.authUser).toBeUndefined();
  });

  it("logs in with the club's own SMTP account", async () => {
    const { smtp } = adapter();
    const to = inbox();
    await smtp.send(mail(to, 'club-b'));
    expect(await received(to)).toEqual([
      expect.objectContaining({
        authUser: 'club-b',
        envelope: { mailFrom: 'avisos@club-b.example', rcptTo: [to] },
      }),
    ]);
  });

  it('finds a bouncing address unreachable at RCPT TO (550 5.1.1), without retrying', async () => {
    const { smtp, caller, pauses } = adapter();
    const marked = inbox();
    await admin('PUT', `smtp/bouncing/${encodeURIComponent(marked)}`);

    for (const to of [marked, `bounce-${randomUUID().slice(0, 8)}@members.example`]) {
      const error = await smtp.send(mail(to)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RecipientUnreachableError);
      expect((error as Error).message).toMatch(/550 5\.1\.1/);
      expect(await received(to)).toEqual([]);
    }
    expect(pauses).toEqual([]);
    expect(caller.breakerState('smtp', 'club-a')).toBe('closed');
  });

  it('is an outage after three retries when the server is down (421)', async () => {
    const { smtp, pauses } = adapter();
    await admin('PUT', 'faults/smtp', { down: true });
    const to = inbox();

    const error = await smtp.send(mail(to)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('421') });
    expect(pauses).toHaveLength(3);
    expect(await received(to)).toEqual([]);
  });

  it('is an outage after three retries when the server throttles (454 at MAIL FROM)', async () => {
    const { smtp, pauses } = adapter();
    await admin('PUT', 'faults/smtp', { tooManyRequests: true, retryAfterSeconds: 30 });
    const to = inbox();

    const error = await smtp.send(mail(to)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('454') });
    expect(pauses).toHaveLength(3);
    expect(await received(to)).toEqual([]);
  });

  it('is an outage after three retries when the server cannot be reached', async () => {
    const { smtp, pauses } = adapter();
    const error = await smtp.send(mail(inbox(), 'club-gone')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(pauses).toHaveLength(3);
  });

  it('delivers once a down server is back, on the same pooled transport', async () => {
    // No retries: four failed attempts would have this club's breaker open by the last send.
    const { smtp } = adapter({ retries: 0 });
    await smtp.send(mail(inbox()));
    await admin('PUT', 'faults/smtp', { down: true });
    await expect(smtp.send(mail(inbox()))).rejects.toBeInstanceOf(ProviderOutageError);
    await admin('DELETE', 'faults');

    const to = inbox();
    await smtp.send(mail(to));
    expect(await received(to)).toHaveLength(1);
  });

  it("opens one club's breaker without touching another's", async () => {
    const { smtp, caller } = adapter();
    await expect(smtp.send(mail(inbox(), 'club-gone'))).rejects.toBeInstanceOf(ProviderOutageError);
    await expect(smtp.send(mail(inbox(), 'club-gone'))).rejects.toBeInstanceOf(CircuitOpenError);
    expect(caller.breakerState('smtp', 'club-gone')).toBe('open');

    const to = inbox();
    await smtp.send(mail(to, 'club-a'));
    expect(await received(to)).toHaveLength(1);
    expect(caller.breakerState('smtp', 'club-a')).toBe('closed');
  });
});
