import {
  NotificationsListProviderAccountsResultV1,
  NotificationsSaveProviderAccountV1,
  PaymentsReserveCreditV1,
  messageRegistry,
  schemaUri,
} from './index';

const valid = () =>
  PaymentsReserveCreditV1.envelope({
    source: 'access-gateway',
    subject: 'member-1',
    tenantId: 'club-aurora',
    data: { reservationId: 'r-1', memberId: 'member-1', amountCentavos: 2500, reason: 'court 3, 18:00' },
  });

describe('message registry validation', () => {
  it('accepts a well-formed envelope and fills the CloudEvents attributes', () => {
    const envelope = valid();
    expect(messageRegistry.validate(envelope)).toEqual({ ok: true, envelope });
    expect(envelope).toMatchObject({
      specversion: '1.0',
      source: '/sportclub/access-gateway',
      dataschema: schemaUri('payments.reserve-credit.v1'),
      correlationid: envelope.id,
    });
  });

  it.each([
    [
      'a missing tenant',
      (e: Record<string, unknown>) => delete e.tenantid,
      /envelope: \(root\) must have required property 'tenantid'/,
    ],
    [
      'an unknown attribute',
      (e: Record<string, unknown>) => (e.extra = 1),
      /must NOT have additional properties 'extra'/,
    ],
    [
      'a non-uuid id',
      (e: Record<string, unknown>) => (e.id = 'abc'),
      /envelope: \.id must match format "uuid"/,
    ],
    [
      'an unknown type',
      (e: Record<string, unknown>) => (e.type = 'payments.nothing.v1'),
      /unknown message type payments\.nothing\.v1/,
    ],
    [
      'a dataschema of another type',
      (e: Record<string, unknown>) => (e.dataschema = schemaUri('payments.commit-credit.v1')),
      /dataschema .* does not match/,
    ],
    [
      'a fractional amount',
      (e: { data: Record<string, unknown> }) => (e.data.amountCentavos = 12.5),
      /data\.amountCentavos must be integer/,
    ],
    [
      'a missing field',
      (e: { data: Record<string, unknown> }) => delete e.data.memberId,
      /data must have required property 'memberId'/,
    ],
  ])('rejects %s, naming the field and the reason', (_label, mutate, reason) => {
    const envelope = valid() as unknown as Record<string, unknown> & { data: Record<string, unknown> };
    mutate(envelope);
    const result = messageRegistry.validate(envelope);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('decodes raw broker bytes and explains what is not JSON', () => {
    expect(messageRegistry.decode(Buffer.from(JSON.stringify(valid()))).ok).toBe(true);
    expect(messageRegistry.decode(Buffer.from('{oops'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^body is not JSON/),
    });
    expect(messageRegistry.decode(null)).toEqual({ ok: false, reason: 'empty body' });
  });

  it('throws on publish-side validation so an invalid message is never written', () => {
    expect(() => messageRegistry.assertValid({ ...valid(), data: { reservationId: 'r' } } as never)).toThrow(
      /invalid message: payments\.reserve-credit\.v1: data must have required property/,
    );
  });
});

describe("a club's provider accounts", () => {
  const from = { source: 'access-gateway', subject: 'club-aurora', tenantId: 'club-aurora' };
  const twilio = {
    provider: 'twilio',
    accountSid: `AC${'0f'.repeat(16)}`,
    authToken: 'a-twilio-auth-token',
    whatsappFrom: '+551140000000',
    smsFrom: '+551140000000',
  } as const;

  it('takes an account whose fields are those of the provider it names, and no other', () => {
    const save = (account: object) =>
      messageRegistry.validate(
        NotificationsSaveProviderAccountV1.envelope({
          ...from,
          data: { account, savedBy: 'carla' } as never,
        }),
      );
    expect(save(twilio).ok).toBe(true);
    expect(save({ ...twilio, provider: 'smtp' }).ok).toBe(false);
    expect(save({ ...twilio, accountSid: 'AC123' }).ok).toBe(false);
    expect(save({ ...twilio, appSecret: 'a-meta-app-secret' }).ok).toBe(false);
  });

  it.each(['authToken', 'accessToken', 'appSecret', 'verifyToken', 'privateKey', 'pass'])(
    'never lets a secret (%s) into the view an admin is answered',
    (secret) => {
      const view = { provider: 'twilio', updatedAt: new Date().toISOString(), updatedBy: 'carla' };
      const list = (settings: object) =>
        messageRegistry.validate(
          NotificationsListProviderAccountsResultV1.envelope({
            ...from,
            data: { accounts: [{ ...view, settings }] } as never,
          }),
        );
      expect(list({ accountSid: twilio.accountSid }).ok).toBe(true);
      expect(list({ accountSid: twilio.accountSid, [secret]: 'a-secret-value' }).ok).toBe(false);
    },
  );
});
