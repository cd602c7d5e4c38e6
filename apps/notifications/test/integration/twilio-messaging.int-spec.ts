import {
  eventually,
  freePort,
  startService,
  startWebhookReceiver,
  type ReceivedWebhook,
  type RunningService,
  type WebhookReceiver,
} from '@sportclub/testing';
import { CircuitOpenError, type ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  OutcomeUnknownError,
  RecipientUnreachableError,
} from '../../src/deliveries/application/ports/channel-provider.port';
import {
  TwilioMessagingAdapter,
  classifyTwilioError,
} from '../../src/deliveries/infrastructure/channels/twilio-messaging.adapter';
import { verifyTwilioSignature } from '../../src/webhooks/interface/webhook-signatures';
import {
  ClubCredentials,
  memberNumber,
  messagingCaller,
  outgoing,
  sandboxCall,
} from '../support/channel-test-kit';

const CLUB_A = {
  accountSid: `AC${'a1'.repeat(16)}`,
  authToken: 'club-a-twilio-auth-token',
  whatsappFrom: '+551140000001',
  smsFrom: '+551140000011',
};
const CLUB_B = {
  accountSid: `AC${'b2'.repeat(16)}`,
  authToken: 'club-b-twilio-auth-token',
  whatsappFrom: '+551140000002',
  smsFrom: '+551140000022',
};
const TEMPLATE_SID = `HX${'c3'.repeat(16)}`;
const credentials = new ClubCredentials({ 'club-a': { twilio: CLUB_A }, 'club-b': { twilio: CLUB_B } });

interface SandboxMessage {
  sid: string;
  channel: string;
  from: string;
  body: string;
  status: string;
  contentSid: string | null;
}

/**
 * The Twilio adapter (official SDK, its HTTP client pointed at the partner sandbox) against the real
 * sandbox process: what Twilio accepts, the signed status callbacks that follow, how refusals are
 * classified, and the resilience around it — retries on an outage, a breaker per club.
 */
describe('TwilioMessagingAdapter against the partner sandbox', () => {
  let sandbox: RunningService;
  let receiver: WebhookReceiver;
  const callers: ResilientCaller[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startService('partner-sandbox');
  });
  afterEach(async () => {
    await sandboxCall(sandbox.url, 'DELETE', '/__admin/faults');
    callers.splice(0).forEach((c) => c.shutdown());
  });
  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  function adapter(apiUrl = sandbox.url, policy: Parameters<typeof messagingCaller>[0] = {}) {
    const { caller, pauses } = messagingCaller(policy);
    callers.push(caller);
    const twilio = new TwilioMessagingAdapter({
      apiUrl,
      publicWebhookBaseUrl: `${receiver.url}/`,
      caller,
      credentials,
    });
    return { twilio, caller, pauses };
  }
  const admin = <T = unknown>(method: string, path: string, body?: unknown) =>
    sandboxCall<T>(sandbox.url, method, path, body);
  const received = (number: string) =>
    admin<SandboxMessage[]>('GET', `/twilio/__admin/messages?number=${encodeURIComponent(number)}`);
  const callbacks = (tenant: string, sid: string) =>
    receiver
      .on(`/webhooks/twilio/status/${tenant}`)
      .map((w) => ({ w, params: Object.fromEntries(new URLSearchParams(w.raw)) }))
      .filter(({ params }) => params.MessageSid === sid);
  const fullUrl = (w: ReceivedWebhook) => `${receiver.url}${w.path}?${w.query}`;

  it('sends WhatsApp inside the window; status callbacks reach the tenant’s route, signed with its token', async () => {
    const { twilio } = adapter();
    const member = memberNumber();
    await admin('PUT', `/twilio/__admin/numbers/${member}`, { window: 'open' });
    const message = outgoing({ tenantId: 'club-a', to: member, attemptId: 'attempt-1' });

    const { providerMessageId } = await twilio.send(message);

    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    await eventually(() => callbacks('club-a', providerMessageId).length === 4, 'four status callbacks');
    const arrived = callbacks('club-a', providerMessageId);
    expect(arrived.map((c) => c.params.MessageStatus)).toEqual(['queued', 'sent', 'delivered', 'read']);
    for (const { w, params } of arrived) {
      expect(w.query.get('attempt')).toBe('attempt-1');
      const header = w.headers['x-twilio-signature'] as string;
      expect(verifyTwilioSignature(CLUB_A.authToken, fullUrl(w), params, header)).toBe(true);
      expect(verifyTwilioSignature(CLUB_B.authToken, fullUrl(w), params, header)).toBe(false);
    }
    expect(await received(member)).toEqual([
      expect.objectContaining({
        sid: providerMessageId,
        channel: 'whatsapp',
        from: `whatsapp:${CLUB_A.whatsappFrom}`,
        body: message.body,
        status: 'read',
      }),
    ]);
  });

  it('sends SMS from the club’s SMS number', async () => {
    const { twilio } = adapter();
    const member = memberNumber();
    const { providerMessageId } = await twilio.send(
      outgoing({ tenantId: 'club-b', to: member, channel: 'sms', body: 'Seu código: 4821' }),
    );
    await eventually(() => callbacks('club-b', providerMessageId).length === 3, 'three status callbacks');
    expect(callbacks('club-b', providerMessageId).at(-1)?.params.MessageStatus).toBe('delivered');
    expect(await received(member)).toEqual([
      expect.objectContaining({ channel: 'sms', from: CLUB_B.smsFrom, body: 'Seu código: 4821' }),
    ]);
  });

  it('outside the window: free-form fails on its callback with 63016 (refused); the template is delivered', async () => {
    const { twilio } = adapter();
    const member = memberNumber();
    const freeForm = await twilio.send(outgoing({ tenantId: 'club-a', to: member }));
    await eventually(() => callbacks('club-a', freeForm.providerMessageId).length === 2, 'failed callback');
    const failed = callbacks('club-a', freeForm.providerMessageId)[1].params;
    expect(failed).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63016' });
    expect(classifyTwilioError(failed.ErrorCode)).toBeInstanceOf(MessageRefusedError);

    await admin('PUT', `/twilio/__admin/accounts/${CLUB_A.accountSid}/content-templates`, {
      templates: { [TEMPLATE_SID]: 'Olá {{1}}, sua reserva às {{2}} está confirmada.' },
    });
    const template = await twilio.send(
      outgoing({
        tenantId: 'club-a',
        to: member,
        whatsappTemplate: { name: TEMPLATE_SID, language: 'pt_BR', parameters: ['Ana', '19h'] },
      }),
    );
    await eventually(() => callbacks('club-a', template.providerMessageId).length === 4, 'template read');
    const [, sent] = await received(member);
    expect(sent).toMatchObject({
      contentSid: TEMPLATE_SID,
      body: 'Olá Ana, sua reserva às 19h está confirmada.',
      status: 'read',
    });
  });

  it('classifies what Twilio refuses on the request, without retrying it', async () => {
    const { twilio, pauses } = adapter();
    const invalid = twilio.send(outgoing({ tenantId: 'club-a', to: '+55119', channel: 'sms' }));
    await expect(invalid).rejects.toBeInstanceOf(RecipientUnreachableError);
    await expect(invalid).rejects.toThrow(/twilio 21211/);

    const member = memberNumber();
    await admin('PUT', `/twilio/__admin/numbers/${member}`, { unsubscribed: true });
    const unsubscribed = twilio.send(outgoing({ tenantId: 'club-a', to: member, channel: 'sms' }));
    await expect(unsubscribed).rejects.toBeInstanceOf(MessageRefusedError);
    await expect(unsubscribed).rejects.toThrow(/twilio 21610/);

    // A Content SID the account does not have (a name without one would go as free-form text).
    await admin('PUT', `/twilio/__admin/accounts/${CLUB_A.accountSid}/content-templates`, {
      templates: { [TEMPLATE_SID]: 'Olá {{1}}, sua reserva às {{2}} está confirmada.' },
    });
    const unknownTemplate = twilio.send(
      outgoing({
        tenantId: 'club-a',
        to: memberNumber(),
        whatsappTemplate: { name: `HX${'dd'.repeat(16)}`, language: 'pt_BR', parameters: [] },
      }),
    );
    await expect(unknownTemplate).rejects.toThrow(/twilio 21655/);
    await expect(unknownTemplate).rejects.toBeInstanceOf(MessageRefusedError);
    expect(pauses).toEqual([]);
  });

  it('an undeliverable number fails on its callback with 63003: unreachable', async () => {
    const { twilio } = adapter();
    const member = memberNumber();
    await admin('PUT', `/twilio/__admin/numbers/${member}`, { window: 'open', undeliverable: true });
    const { providerMessageId } = await twilio.send(outgoing({ tenantId: 'club-a', to: member }));
    await eventually(() => callbacks('club-a', providerMessageId).length === 2, 'failed callback');
    const failed = callbacks('club-a', providerMessageId)[1].params;
    expect(failed).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63003' });
    expect(classifyTwilioError(failed.ErrorCode)).toBeInstanceOf(RecipientUnreachableError);
  });

  it('findAccepted lists what the club sent the member since a moment: not others’, nor older ones', async () => {
    const { twilio } = adapter();
    const member = memberNumber();
    const someoneElse = memberNumber();
    await admin('PUT', `/twilio/__admin/numbers/${member}`, { window: 'open' });
    const body = 'Check-in confirmado na Quadra Central às 19:30.';
    const message = outgoing({ tenantId: 'club-a', to: member, body });

    const older = await twilio.send(message);
    await eventually(() => callbacks('club-a', older.providerMessageId).length >= 2, 'older one sent');
    // Twilio's dates have second precision: the next messages are a whole second later.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const since = new Date();
    const mine = await twilio.send(message);
    await twilio.send({ ...message, to: someoneElse });
    await twilio.send({ ...message, tenantId: 'club-b' });
    await twilio.send({ ...message, channel: 'sms' });
    const otherBody = await twilio.send({ ...message, body: 'Sua reserva foi cancelada.' });
    const again = await twilio.send(message);

    // `again` is asked about at once, most likely still queued (no date_sent yet).
    expect(await twilio.findAccepted(message, since)).toEqual([
      again.providerMessageId,
      mine.providerMessageId,
    ]);
    expect(await twilio.findAccepted({ ...message, channel: 'sms' }, since)).toHaveLength(1);
    expect(await twilio.findAccepted({ ...message, to: memberNumber() }, since)).toEqual([]);
    // A content template's text is Twilio's: only the addresses are compared.
    const template = {
      ...message,
      whatsappTemplate: { name: TEMPLATE_SID, language: 'pt_BR', parameters: [] },
    };
    expect(await twilio.findAccepted(template, since)).toEqual([
      again.providerMessageId,
      otherBody.providerMessageId,
      mine.providerMessageId,
    ]);
    // Without `since`'s cut, the older message is there too: the cut is what left it out.
    expect(await twilio.findAccepted(message, new Date(since.getTime() - 60_000))).toContain(
      older.providerMessageId,
    );
  });

  it('findAccepted while Twilio is down: an outage after the retries, never "nothing there"', async () => {
    const { twilio, pauses } = adapter();
    await admin('PUT', '/__admin/faults/twilio', { down: true });
    await expect(
      twilio.findAccepted(outgoing({ tenantId: 'club-a', to: memberNumber() }), new Date()),
    ).rejects.toMatchObject({ status: 503, code: 20503 });
    expect(pauses).toHaveLength(3);
  });

  it('Twilio down (503), rate limited (429) or unreachable: an outage after three retries under 1/2/4 s', async () => {
    await admin('PUT', '/__admin/faults/twilio', { down: true });
    const down = adapter();
    const error = await down.twilio
      .send(outgoing({ tenantId: 'club-a', to: memberNumber() }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 20503 });
    expect(error).not.toBeInstanceOf(RecipientUnreachableError);
    expect(error).not.toBeInstanceOf(MessageRefusedError);
    expect(down.pauses).toHaveLength(3);
    down.pauses.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(1_000 * 2 ** i));

    await admin('PUT', '/__admin/faults/twilio', {
      down: false,
      tooManyRequests: true,
      retryAfterSeconds: 2,
    });
    const limited = adapter();
    await expect(
      limited.twilio.send(outgoing({ tenantId: 'club-a', to: memberNumber() })),
    ).rejects.toMatchObject({
      status: 429,
      code: 20429,
    });
    expect(limited.pauses).toHaveLength(3);

    const nowhere = adapter(`http://127.0.0.1:${await freePort()}`);
    await expect(
      nowhere.twilio.send(outgoing({ tenantId: 'club-a', to: memberNumber() })),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(nowhere.pauses).toHaveLength(3);
  });

  it('an answer that never comes after Twilio took the message: unknown, not sent again, then found', async () => {
    const { twilio, pauses } = adapter(sandbox.url, { timeoutMs: 1_000 });
    await admin('PUT', '/__admin/faults/twilio', { timeout: true });
    const member = memberNumber();
    const message = outgoing({ tenantId: 'club-a', to: member, channel: 'sms' });
    const since = new Date();
    await expect(twilio.send(message)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(pauses).toEqual([]); // a retry would have been a second SMS
    await admin('DELETE', '/__admin/faults');
    const taken = await received(member);
    expect(taken).toHaveLength(1);
    expect(await twilio.findAccepted(message, since)).toEqual([taken[0].sid]);
  });

  it('opens the breaker for the club whose sends keep failing, and only for that club', async () => {
    const { twilio, caller } = adapter();
    await admin('PUT', '/__admin/faults/twilio', { down: true });
    // An exhausted send is four failed attempts; the fifth failure, the next send's first, opens the
    // breaker (the policy's volume of five, all failed) and its retry is refused without a request.
    await expect(twilio.send(outgoing({ tenantId: 'club-a', to: memberNumber() }))).rejects.toMatchObject({
      status: 503,
    });
    expect(caller.breakerState('twilio', 'club-a')).toBe('closed');
    await expect(twilio.send(outgoing({ tenantId: 'club-a', to: memberNumber() }))).rejects.toBeInstanceOf(
      CircuitOpenError,
    );
    expect(caller.breakerState('twilio', 'club-a')).toBe('open');
    await sandboxCall(sandbox.url, 'DELETE', '/__admin/faults');

    const member = memberNumber();
    await expect(
      twilio.send(outgoing({ tenantId: 'club-a', to: member, channel: 'sms' })),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(await received(member)).toEqual([]);

    const other = await twilio.send(outgoing({ tenantId: 'club-b', to: member, channel: 'sms' }));
    expect(other.providerMessageId).toMatch(/^SM/);
    expect(caller.breakerState('twilio', 'club-b')).toBe('closed');
  });
});
