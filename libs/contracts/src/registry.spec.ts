import { PaymentsReserveCreditV1, messageRegistry, schemaUri } from './index';

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
