import {
  InMemoryDeliveries,
  InMemoryOutbox,
  InMemoryPreferences,
  InMemoryTemplates,
  InMemoryTransactions,
  ScriptedProvider,
  tx,
} from '../../../../test/support/in-memory-ports';
import { applyChange, defaultPreferences } from '../../../contacts/domain/preferences';
import { ResolveTemplateHandler } from '../../../templates/application/resolve-template/resolve-template.handler';
import { ApplyProviderStatusHandler } from '../apply-provider-status/apply-provider-status.handler';
import { ChannelProviders } from '../channel-providers';
import { NotifyMemberHandler } from '../notify-member/notify-member.handler';
import {
  MessageRefusedError,
  OutcomeUnknownError,
  RecipientUnreachableError,
} from '../ports/channel-provider.port';
import { OUTAGE_ROUNDS } from '../../domain/delivery';
import { SendDeliveryHandler } from './send-delivery.handler';

const flow = { tenantId: 'club-aurora' };
const at = new Date('2026-12-01T22:30:00Z');

function setup() {
  const transactions = new InMemoryTransactions();
  const preferences = new InMemoryPreferences();
  const deliveries = new InMemoryDeliveries();
  const outbox = new InMemoryOutbox();
  // Twilio can list what it accepted (reconciliation after a crash); the others cannot.
  const twilio = new ScriptedProvider('twilio', ['whatsapp', 'sms'], transactions, { reconciles: true });
  const cloud = new ScriptedProvider('whatsapp-cloud', ['whatsapp'], transactions);
  const fcm = new ScriptedProvider('fcm', ['push'], transactions);
  const smtp = new ScriptedProvider('smtp', ['email'], transactions);
  const providers = new ChannelProviders([twilio, cloud, fcm, smtp]);
  const notify = new NotifyMemberHandler(preferences, deliveries, outbox, providers);
  const send = new SendDeliveryHandler(
    transactions,
    deliveries,
    preferences,
    outbox,
    new ResolveTemplateHandler(new InMemoryTemplates()),
    providers,
    new ApplyProviderStatusHandler(deliveries, outbox),
    { acquire: () => Promise.resolve() },
  );
  const member = (memberId: string, change: Parameters<typeof applyChange>[1]) =>
    preferences.save(tx, flow.tenantId, undefined, applyChange(defaultPreferences(memberId), change, at));
  /** Plans telling the member of a check-in (the delivery and its send step), sending nothing yet. */
  const plan = (memberId: string, sourceId = `event-${memberId}`) =>
    notify.execute(tx, flow, {
      memberId,
      kind: 'checkin.completed',
      sourceId,
      variables: () => ({ court: 'Quadra Central', time: '19:30', date: '01/12/2026', charged: 'R$ 25,00' }),
    });
  /** Tells the member of a check-in and runs every send step the outbox gets, as the relay would. */
  async function tell(memberId: string, sourceId = `event-${memberId}`) {
    const d = await plan(memberId, sourceId);
    await drain();
    return d && deliveries.rows.get(d.deliveryId);
  }
  /** Runs each send step the outbox got since the last drain, and those they write, in order. */
  let drained = 0;
  async function drain() {
    for (; drained < outbox.published.length; drained++) {
      const e = outbox.published[drained];
      if (e.type === 'notifications.send-delivery.v1') {
        await send.execute(flow, (e.data as { deliveryId: string }).deliveryId);
      }
    }
  }
  /** The held deliveries' release: the hold ends, the send runs, and the steps it writes. */
  async function release(deliveryId: string) {
    delete deliveries.rows.get(deliveryId)!.heldUntil;
    await send.execute(flow, deliveryId);
    await drain();
  }
  const statuses = new ApplyProviderStatusHandler(deliveries, outbox);
  return {
    transactions,
    notify,
    preferences,
    deliveries,
    outbox,
    twilio,
    cloud,
    fcm,
    smtp,
    member,
    plan,
    tell,
    drain,
    release,
    send,
    statuses,
  };
}

const everything = {
  source: 'app' as const,
  phone: '11987654321',
  email: 'ana@example.com',
  channels: ['whatsapp' as const, 'push' as const, 'email' as const],
  addPushTokens: ['fcm-token-ana-1'],
  consents: (['whatsapp', 'push', 'email'] as const).map((channel) => ({ channel, granted: true })),
};

describe('telling a member (plan, send, fall back)', () => {
  it('publishes each delivery fact in v2, and in v1 beside it only for a kind v1 knows', async () => {
    const s = setup();
    await s.member('ana', everything);
    await s.tell('ana');
    const restored = await s.notify.execute(tx, flow, {
      memberId: 'ana',
      kind: 'calendar.restored',
      sourceId: 'restored-1',
      variables: () => ({ court: 'Quadra Central', date: '03/12/2026', time: '19:00' }),
    });
    await s.drain();
    expect(s.twilio.sent.at(-1)!.body).toBe(
      'O evento da sua reserva na quadra Quadra Central em 03/12/2026 às 19:00 foi alterado no Google ' +
        'Agenda e voltou ao horário reservado. Para mudar ou cancelar a reserva, use o app do clube.',
    );
    const sent = s.outbox.published.filter((e) => e.type.startsWith('notifications.delivery.sent.'));
    const of = (deliveryId?: string) =>
      sent.filter((e) => (e.data as { deliveryId: string }).deliveryId === deliveryId).map((e) => e.type);
    const checkIn = [...s.deliveries.rows.values()].find((d) => d.kind === 'checkin.completed');
    expect(of(checkIn?.deliveryId)).toEqual([
      'notifications.delivery.sent.v1',
      'notifications.delivery.sent.v2',
    ]);
    expect(of(restored?.deliveryId)).toEqual(['notifications.delivery.sent.v2']);
  });

  it('sends on the first consented channel, the pt-BR text with court and time, once per source', async () => {
    const s = setup();
    await s.member('ana', everything);
    const d = await s.tell('ana');
    expect(d).toMatchObject({ status: 'sent', attempts: 1 });
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.twilio.sent[0]).toMatchObject({ to: '+5511987654321', channel: 'whatsapp' });
    expect(s.twilio.sent[0].body).toContain('Quadra Central às 19:30');
    expect(s.twilio.sent[0].whatsappTemplate).toEqual({
      name: 'checkin_confirmado',
      language: 'pt_BR',
      parameters: ['Quadra Central', '19:30'],
    });
    expect(await s.tell('ana')).toBeUndefined(); // the same event again
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.outbox.types()).toContain('notifications.delivery.sent.v1');
  });

  it('fails over to the other WhatsApp provider on an outage, then to push and e-mail', async () => {
    const s = setup();
    await s.member('ana', everything);
    s.twilio.down = new Error('503 from Twilio');
    s.cloud.down = new Error('connect ECONNREFUSED');
    s.fcm.failures.set('fcm-token-ana-1', new RecipientUnreachableError('UNREGISTERED'));
    const d = await s.tell('ana');
    expect(d).toMatchObject({ status: 'sent', attempts: 4 });
    expect(s.smtp.sent.map((m) => m.to)).toEqual(['ana@example.com']);
    expect(s.smtp.sent[0].title).toBe('Check-in confirmado');
    // the token FCM no longer knows is gone
    expect(s.preferences.rows.get('club-aurora|ana')!.pushDevices).toEqual([]);
    expect(s.outbox.types().filter((t) => t === 'notifications.delivery.fell-back.v1')).toHaveLength(3);
  });

  it('skips the other WhatsApp provider when the message or number is the problem', async () => {
    const s = setup();
    await s.member('ana', everything);
    s.twilio.failures.set('+5511987654321', new MessageRefusedError('outside the 24-hour window'));
    const d = await s.tell('ana');
    expect(d).toMatchObject({ status: 'sent' });
    expect(s.cloud.sent).toHaveLength(0);
    expect(s.fcm.sent).toHaveLength(1);
  });

  it('never sends on a channel without consent, and re-reads consent before each send', async () => {
    const s = setup();
    await s.member('ana', { ...everything, consents: [{ channel: 'email', granted: true }] });
    const d = await s.tell('ana');
    expect(d).toMatchObject({ status: 'sent', routes: [{ channel: 'email', provider: 'smtp' }] });
    expect(s.twilio.sent).toHaveLength(0);
    expect(s.fcm.sent).toHaveLength(0);

    // opted out of WhatsApp between the plan and the send → straight to the next channel
    const t = setup();
    await t.member('gabi', everything);
    const planned = await t.tell('gabi', 'planned-only').catch(() => undefined);
    expect(planned?.status).toBe('sent');
    const p = t.preferences.rows.get('club-aurora|gabi')!;
    p.consents = p.consents.map((c) => (c.channel === 'whatsapp' ? { ...c, granted: false } : c));
    const second = await t.tell('gabi', 'after-opt-out');
    expect(second).toMatchObject({ status: 'sent', attempts: 1 });
    expect(t.twilio.sent).toHaveLength(1); // only the first one
    expect(t.fcm.sent).toHaveLength(1);
  });

  it('fails with a reason when no channel is left, and when the member consented to none', async () => {
    const s = setup();
    await s.member('ana', { ...everything, channels: ['email'] });
    s.smtp.failures.set('ana@example.com', new RecipientUnreachableError('550 5.1.1 no such user'));
    expect(await s.tell('ana')).toMatchObject({ status: 'failed', reason: '550 5.1.1 no such user' });
    await s.member('gabi', { source: 'app', phone: '11987654321' });
    expect(await s.tell('gabi')).toMatchObject({ status: 'failed', attempts: 0 });
    expect(s.outbox.types().filter((t) => t === 'notifications.delivery.failed.v1')).toHaveLength(2);
  });

  it('a re-run after a crash does not send again what the provider already took', async () => {
    const s = setup();
    await s.member('ana', everything);
    const d = await s.tell('ana');
    const attempt = [...s.deliveries.attempts.values()][0];
    // the process died after the provider took it and its attempt was recorded, before the move
    const row = s.deliveries.rows.get(d!.deliveryId)!;
    row.status = 'pending';
    await s.send.execute(flow, d!.deliveryId);
    expect(attempt.status).toBe('accepted');
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.deliveries.rows.get(d!.deliveryId)!.status).toBe('sent');
  });

  it('applies a status callback that outran the record of its own send', async () => {
    const s = setup();
    await s.member('ana', everything);
    // Twilio calls back about its first message before this service has recorded sending it.
    await s.statuses.execute(tx, flow, { provider: 'twilio', providerMessageId: 'twilio-1', status: 'read' });
    await s.statuses.execute(tx, flow, {
      provider: 'twilio',
      providerMessageId: 'twilio-1',
      status: 'delivered',
    });
    const d = await s.tell('ana');
    expect(d?.status).toBe('read');
    expect(s.outbox.types()).toEqual(
      expect.arrayContaining(['notifications.delivery.delivered.v1', 'notifications.delivery.read.v1']),
    );
    expect(s.deliveries.early).toEqual([]);
  });

  it("a status posted to another club's address changes nothing of this club's message, early or late", async () => {
    const s = setup();
    await s.member('ana', everything);
    const boreal = { tenantId: 'club-boreal' };
    // signed with club-boreal's own Twilio token, about club-aurora's first message (not recorded yet)
    await s.statuses.execute(tx, boreal, {
      provider: 'twilio',
      providerMessageId: 'twilio-1',
      status: 'read',
    });
    await s.statuses.execute(tx, flow, {
      provider: 'twilio',
      providerMessageId: 'twilio-1',
      status: 'delivered',
    });
    const d = (await s.tell('ana'))!;
    expect(d.status).toBe('delivered'); // aurora's own early status applied; boreal's did not
    await s.statuses.execute(tx, boreal, {
      provider: 'twilio',
      providerMessageId: 'twilio-1',
      status: 'failed',
    });
    expect(s.deliveries.rows.get(d.deliveryId)).toMatchObject({ status: 'delivered', current: 0 });
  });

  it('holds a delivery whose every route is down and tries it again later, instead of losing it', async () => {
    const s = setup();
    await s.member('ana', { ...everything, channels: ['whatsapp', 'email'] });
    for (const p of [s.twilio, s.cloud, s.smtp]) p.down = new Error('503 from the provider');
    const d = await s.tell('ana');
    expect(d).toMatchObject({ status: 'pending', current: 0, attempts: 3 });
    expect(Date.parse(d!.heldUntil!)).toBeGreaterThan(Date.now() + 50_000);
    expect(s.outbox.types()).not.toContain('notifications.delivery.failed.v1');
    // its send is not written now: the held deliveries' release writes it when the hold ends
    expect(s.outbox.types().filter((t) => t === 'notifications.send-delivery.v1')).toHaveLength(3);
  });
  it('each round after an outage counts, and the delivery fails once the rounds run out', async () => {
    const s = setup();
    await s.member('ana', { ...everything, channels: ['whatsapp', 'email'] });
    for (const p of [s.twilio, s.cloud, s.smtp]) p.down = new Error('503 from the provider');
    const { deliveryId } = (await s.tell('ana'))!;
    const holds: number[] = [];
    for (let round = 1; round <= OUTAGE_ROUNDS; round++) {
      holds.push(Date.parse(s.deliveries.rows.get(deliveryId)!.heldUntil!) - Date.now());
      await s.release(deliveryId);
    }
    expect(s.deliveries.rows.get(deliveryId)).toMatchObject({ status: 'failed', rounds: OUTAGE_ROUNDS });
    // 1, 2, 4 … minutes, at most an hour, each round longer than the one before until the cap
    expect(holds[0]).toBeGreaterThan(55_000);
    expect(holds.every((h, i) => i === 0 || h >= holds[i - 1] - 1_000)).toBe(true);
    expect(Math.max(...holds)).toBeLessThanOrEqual(3_600_000);
    expect(s.outbox.types().filter((t) => t === 'notifications.delivery.failed.v1')).toHaveLength(1);
  });

  it('a new round never returns to a channel that failed for the member, nor counts its old acceptance as sent', async () => {
    const s = setup();
    await s.member('ana', everything);
    const d = (await s.tell('ana'))!;
    expect(d.status).toBe('sent');
    // Twilio took it, then could not deliver it (not a WhatsApp number) while push and e-mail are down
    s.fcm.down = new Error('503 from FCM');
    s.smtp.down = new Error('421 try later');
    await s.statuses.execute(tx, flow, {
      provider: 'twilio',
      providerMessageId: 'twilio-1',
      status: 'failed',
      reason: '63003 not a WhatsApp number',
    });
    await s.drain();
    const held = s.deliveries.rows.get(d.deliveryId)!;
    expect(held).toMatchObject({ status: 'pending', current: 2, rounds: 1, ruledOut: ['whatsapp'] });

    s.fcm.down = undefined; // push is back when the hold ends
    await s.release(d.deliveryId);
    expect(s.deliveries.rows.get(d.deliveryId)).toMatchObject({ status: 'sent', current: 2 });
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.cloud.sent).toHaveLength(0);
    expect(s.fcm.sent).toHaveLength(1);
  });
});

describe('quiet hours', () => {
  it('holds an announcement for a member in quiet hours (no send written), not a check-in', async () => {
    const s = setup();
    const now = new Date();
    const hhmm = (t: Date) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/Sao_Paulo',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(t);
    await s.member('ana', {
      ...everything,
      quietHours: {
        start: hhmm(new Date(now.getTime() - 60_000)),
        end: hhmm(new Date(now.getTime() + 120_000)),
      },
    });
    const notify = new NotifyMemberHandler(
      s.preferences,
      s.deliveries,
      s.outbox,
      new ChannelProviders([s.twilio]),
    );
    const held = await notify.execute(tx, flow, {
      memberId: 'ana',
      kind: 'announcement',
      sourceId: 'announcement:a1',
      respectQuietHours: true,
      variables: () => ({ title: 't', text: 'x' }),
    });
    expect(held?.heldUntil).toBeDefined();
    expect(Date.parse(held!.heldUntil!)).toBeGreaterThan(now.getTime());
    expect(s.outbox.types()).toEqual([]);
    const answer = await notify.execute(tx, flow, {
      memberId: 'ana',
      kind: 'checkin.completed',
      sourceId: 'event-1',
      variables: () => ({}),
    });
    expect(answer?.heldUntil).toBeUndefined();
    expect(s.outbox.types()).toEqual(['notifications.send-delivery.v1']);
  });
});

describe('the same send step running twice at once', () => {
  it('the second run waits for the first one’s call instead of calling the provider again', async () => {
    const s = setup();
    await s.member('ana', everything);
    const d = await s.plan('ana');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const send = s.twilio.send.bind(s.twilio);
    s.twilio.send = async (m) => {
      await gate; // the provider answers the first run slowly
      return send(m);
    };
    const first = s.send.execute(flow, d!.deliveryId);
    await new Promise((r) => setTimeout(r, 50));
    const second = s.send.execute(flow, d!.deliveryId);
    await new Promise((r) => setTimeout(r, 600));
    release();
    await Promise.all([first, second]);
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.deliveries.rows.get(d!.deliveryId)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('a re-run that takes over an attempt still `calling` (the process died mid-call)', () => {
  /**
   * Tells the member, then puts the delivery back as a process killed right after the provider
   * answered — before the attempt's outcome was written — would have left it: the attempt `calling`
   * with no id, begun over a minute ago (past the lease a live run holds it for), the delivery
   * `pending`, no event published.
   */
  async function tellAndCrashAfterTheCall(s: ReturnType<typeof setup>, memberId: string) {
    const published = s.outbox.published.length;
    const d = (await s.tell(memberId))!;
    const attempt = [...s.deliveries.attempts.values()].find((a) => a.deliveryId === d.deliveryId)!;
    Object.assign(attempt, {
      status: 'calling',
      providerMessageId: undefined,
      startedAt: new Date(Date.now() - 61_000).toISOString(),
      heldSince: new Date(Date.now() - 61_000).toISOString(),
    });
    s.deliveries.rows.get(d.deliveryId)!.status = 'pending';
    s.outbox.published.splice(published + 1); // the send step stays; what the send wrote is undone
    return { deliveryId: d.deliveryId, attempt };
  }

  it('finds the message the provider already took: no second send, the delivery is sent with its id', async () => {
    const s = setup();
    await s.member('ana', everything);
    const { deliveryId, attempt } = await tellAndCrashAfterTheCall(s, 'ana');
    expect(s.twilio.sent).toHaveLength(1);

    await s.send.execute(flow, deliveryId);

    expect(s.twilio.sent).toHaveLength(1);
    expect(s.twilio.lookups).toEqual([
      { to: '+5511987654321', since: new Date(Date.parse(attempt.startedAt) - 5_000) },
    ]);
    expect(attempt).toMatchObject({ status: 'accepted', providerMessageId: 'twilio-1' });
    expect(s.deliveries.rows.get(deliveryId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(s.outbox.types().filter((t) => t === 'notifications.delivery.sent.v1')).toHaveLength(1);
    // the status callbacks of that message now find their delivery
    expect(await s.deliveries.findByProviderMessage(tx, 'twilio', 'twilio-1')).toMatchObject({
      delivery: { deliveryId },
    });
  });

  it('sends once when the provider has nothing for the attempt, passing over messages other attempts recorded', async () => {
    const s = setup();
    await s.member('ana', everything);
    const first = await s.tell('ana', 'event-1'); // recorded as twilio-1: another attempt's message
    expect(first).toMatchObject({ status: 'sent' });
    const second = (await s.plan('ana', 'event-2'))!;
    // a run that died after recording its attempt, before Twilio took anything
    await s.deliveries.startAttempt(tx, second.deliveryId, 0, second.routes[0]);
    const secondId = second.deliveryId;
    const attempt = [...s.deliveries.attempts.values()].find((a) => a.deliveryId === secondId)!;
    // past the lease: that run is gone
    attempt.startedAt = attempt.heldSince = new Date(Date.now() - 61_000).toISOString();

    await s.send.execute(flow, secondId);

    expect(s.twilio.lookups).toHaveLength(1);
    expect(s.twilio.sent).toHaveLength(2);
    expect(attempt).toMatchObject({ status: 'accepted', providerMessageId: 'twilio-2' });
    expect(s.deliveries.rows.get(secondId)!.status).toBe('sent');
  });

  it('holds the delivery when the provider cannot be asked, sending nothing; the next run concludes without sending', async () => {
    const s = setup();
    await s.member('ana', everything);
    const { deliveryId, attempt } = await tellAndCrashAfterTheCall(s, 'ana');
    s.twilio.lookupDown = new Error('503 from Twilio');

    await s.send.execute(flow, deliveryId);
    expect(s.twilio.sent).toHaveLength(1);
    expect(attempt.status).toBe('calling');
    const held = s.deliveries.rows.get(deliveryId)!;
    expect(held).toMatchObject({ status: 'pending', current: 0 });
    expect(Date.parse(held.heldUntil!)).toBeGreaterThan(Date.now() + 60_000);

    s.twilio.lookupDown = undefined; // the hold ends: the released run claims the lapsed attempt and asks
    attempt.heldSince = new Date(Date.now() - 61_000).toISOString();
    await s.send.execute(flow, deliveryId);
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.deliveries.rows.get(deliveryId)!.status).toBe('sent');
  });

  it('an outcome that stays unknown moves on after three claims instead of waiting for ever', async () => {
    const s = setup();
    await s.member('ana', everything);
    s.twilio.down = new OutcomeUnknownError('twilio may have taken it: HTTP 502');
    const d = (await s.tell('ana'))!; // the first run's call: unknown, held
    const attempt = [...s.deliveries.attempts.values()][0];
    for (let round = 1; round <= 3; round++) {
      attempt.heldSince = new Date(Date.now() - 61_000).toISOString();
      await s.send.execute(flow, d.deliveryId);
    }
    // claims 1 and 2 were held again; the third counted Twilio as down and fell back to the Cloud API
    expect(attempt).toMatchObject({ claims: 3, status: 'failed' });
    expect(s.outbox.types()).toContain('notifications.delivery.fell-back.v1');
    await s.send.execute(flow, d.deliveryId); // the fallback's send step
    expect(s.cloud.sent).toHaveLength(1);
    expect(s.deliveries.rows.get(d.deliveryId)).toMatchObject({ status: 'sent', current: 1 });
  });

  it('a provider that cannot list what it took is sent to again (at-least-once)', async () => {
    const s = setup();
    await s.member('ana', { ...everything, channels: ['email'] });
    const { deliveryId, attempt } = await tellAndCrashAfterTheCall(s, 'ana');

    await s.send.execute(flow, deliveryId);

    expect(s.smtp.findAccepted).toBeUndefined();
    expect(s.smtp.sent.map((m) => m.to)).toEqual(['ana@example.com', 'ana@example.com']);
    expect(attempt).toMatchObject({ status: 'accepted', providerMessageId: 'smtp-2' });
  });

  it('a fresh attempt is sent without asking the provider', async () => {
    const s = setup();
    await s.member('ana', everything);
    expect(await s.tell('ana')).toMatchObject({ status: 'sent' });
    expect(s.twilio.lookups).toEqual([]);
  });

  it('an answer lost after the provider took the message: held on the route, then found, never sent twice', async () => {
    const s = setup();
    await s.member('ana', everything);
    s.twilio.lostAnswers = 1;
    s.twilio.lostAnswer = new OutcomeUnknownError('twilio may have taken it: timed out after 10000ms');
    const d = (await s.tell('ana'))!;
    // not failed over to the Cloud API (that would send a second WhatsApp): held on Twilio, unconcluded
    expect(s.cloud.sent).toEqual([]);
    expect(d).toMatchObject({ status: 'pending', current: 0 });
    expect(Date.parse(d.heldUntil!)).toBeGreaterThan(Date.now() + 60_000);
    const attempt = [...s.deliveries.attempts.values()][0];
    expect(attempt.status).toBe('calling');
    expect(s.outbox.types()).not.toContain('notifications.delivery.fell-back.v1');

    // the hold ends (its lease has passed); the released step asks Twilio and finds the message
    attempt.heldSince = new Date(Date.now() - 61_000).toISOString();
    await s.send.execute(flow, d.deliveryId);
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.twilio.lookups).toHaveLength(1);
    expect(attempt).toMatchObject({ status: 'accepted', providerMessageId: 'twilio-1' });
    expect(s.deliveries.rows.get(d.deliveryId)!.status).toBe('sent');
  });

  it('a run whose hold was taken over while it waited for the send rate does not call the provider', async () => {
    const s = setup();
    await s.member('ana', everything);
    const d = (await s.plan('ana'))!;
    let waited!: () => void;
    const waiting = new Promise<void>((r) => (waited = r));
    let release!: () => void;
    const rate = new Promise<void>((r) => (release = r));
    let acquires = 0;
    // the first run waits long for its place in the send rate (a stalled, overloaded process)
    (s.send as unknown as { rate: { acquire: () => Promise<void> } }).rate = {
      acquire: () => (acquires++ === 0 ? (waited(), rate) : Promise.resolve()),
    };
    const first = s.send.execute(flow, d.deliveryId);
    await waiting;
    const attempt = [...s.deliveries.attempts.values()][0];
    attempt.heldSince = new Date(Date.now() - 61_000).toISOString(); // its hold lapsed meanwhile
    await s.send.execute(flow, d.deliveryId); // the sweep's run claims it and sends
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now + 61_000);
    release(); // the first run gets its place a minute late
    await first;
    clock.mockRestore();
    expect(s.twilio.sent).toHaveLength(1);
    expect(s.deliveries.rows.get(d.deliveryId)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
