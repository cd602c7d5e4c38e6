import { buildSchemaLock, checkContracts, compareSchemas, type JsonSchemaNode } from './compatibility';
import { MESSAGES } from '@sportclub/contracts';

const published = {
  type: 'object',
  required: ['reservationId', 'amountCentavos', 'channel', 'payer'],
  properties: {
    reservationId: { type: 'string', minLength: 1, maxLength: 100 },
    amountCentavos: { type: 'integer', minimum: 1 },
    channel: { enum: ['app', 'rfid', 'court-panel'] },
    note: { type: 'string' },
    payer: {
      type: 'object',
      required: ['memberId'],
      properties: { memberId: { type: 'string' }, plan: { enum: ['basic', 'pro'] } },
    },
  },
} as const;

type Schema = { [k: string]: unknown };
/** A deep copy of `published` with `edit` applied. */
function changed(edit: (s: Schema & { properties: Record<string, Schema> }) => void): JsonSchemaNode {
  const copy = JSON.parse(JSON.stringify(published));
  edit(copy);
  return copy;
}

describe('compareSchemas', () => {
  it('accepts an identical schema, reordered keys and required lists, and changed annotations', () => {
    expect(compareSchemas(published, published)).toEqual([]);
    const reordered = changed((s) => {
      s.required = [...(s.required as string[])].reverse();
      s.properties.channel = { enum: ['court-panel', 'app', 'rfid'], description: 'how the member asked' };
      s.title = 'Reserve credit';
    });
    expect(compareSchemas(published, reordered)).toEqual([]);
  });

  it('accepts a new optional property, at the top and in nested objects', () => {
    const current = changed((s) => {
      s.properties.memo = { type: 'string', maxLength: 200 };
      (s.properties.payer.properties as Record<string, unknown>).nickname = { type: 'string' };
    });
    expect(compareSchemas(published, current)).toEqual([]);
  });

  it('reports a new required property', () => {
    const current = changed((s) => {
      s.properties.courtId = { type: 'string' };
      s.required = [...(s.required as string[]), 'courtId'];
    });
    expect(compareSchemas(published, current)).toEqual(['data.courtId: new required property']);
  });

  it('reports an existing property becoming required, or no longer required', () => {
    expect(
      compareSchemas(
        published,
        changed((s) => (s.required = [...(s.required as string[]), 'note'])),
      ),
    ).toEqual(['data.note: became required']);
    expect(
      compareSchemas(
        published,
        changed((s) => (s.required = (s.required as string[]).filter((r) => r !== 'channel'))),
      ),
    ).toEqual(['data.channel: no longer required']);
  });

  it('reports a removed property (optional or required)', () => {
    const current = changed((s) => {
      delete s.properties.note;
      delete s.properties.reservationId;
      s.required = (s.required as string[]).filter((r) => r !== 'reservationId');
    });
    expect(compareSchemas(published, current)).toEqual([
      'data.reservationId: property removed',
      'data.note: property removed',
    ]);
  });

  it('reports a changed type with its path', () => {
    const current = changed((s) => (s.properties.amountCentavos = { type: 'string', minimum: 1 }));
    expect(compareSchemas(published, current)).toEqual([
      'data.amountCentavos: type changed from integer to string',
    ]);
  });

  it('reports a narrowed and a widened enum', () => {
    const narrowed = changed((s) => (s.properties.channel = { enum: ['app', 'rfid'] }));
    expect(compareSchemas(published, narrowed)).toEqual([
      'data.channel: enum narrowed (removed "court-panel")',
    ]);
    const widened = changed(
      (s) => (s.properties.channel = { enum: ['app', 'rfid', 'court-panel', 'kiosk'] }),
    );
    expect(compareSchemas(published, widened)).toEqual(['data.channel: enum widened (added "kiosk")']);
  });

  it('reports changed, added and removed constraints', () => {
    const current = changed((s) => {
      s.properties.amountCentavos = { type: 'integer', minimum: 0 };
      s.properties.reservationId = { type: 'string', minLength: 1, format: 'uuid' };
    });
    expect(compareSchemas(published, current)).toEqual([
      'data.reservationId: maxLength removed (was 100)',
      'data.reservationId: format added (uuid)',
      'data.amountCentavos: minimum changed from 1 to 0',
    ]);
  });

  it('reports breaking changes inside nested objects with their full path', () => {
    const current = changed((s) => {
      const payer = s.properties.payer as Schema & { properties: Record<string, Schema> };
      payer.properties.memberId = { type: 'integer' };
      payer.properties.plan = { enum: ['basic'] };
      payer.properties.since = { type: 'string' };
      payer.required = ['memberId', 'since'];
    });
    expect(compareSchemas(published, current)).toEqual([
      'data.payer.memberId: type changed from string to integer',
      'data.payer.plan: enum narrowed (removed "pro")',
      'data.payer.since: new required property',
    ]);
  });

  it('reports changes to array items', () => {
    const was = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } };
    const now = { type: 'object', properties: { tags: { type: 'array', items: { type: 'integer' } } } };
    expect(compareSchemas(was, now)).toEqual(['data.tags[]: type changed from string to integer']);
  });

  it('reports a new property when the published schema forbids additional properties', () => {
    const was = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    const now = { ...was, properties: { ...was.properties, b: { type: 'string' } } };
    expect(compareSchemas(was, now)).toEqual([
      'data.b: new property, but the published schema forbids additional properties',
    ]);
  });
});

describe('checkContracts', () => {
  const lock = buildSchemaLock(MESSAGES);

  it('finds nothing when the lock holds the current schemas', () => {
    expect(checkContracts(lock, MESSAGES)).toEqual([]);
  });

  it('accepts types that are not in the lock yet', () => {
    const { ['payments.reserve-credit.v1']: _omitted, ...older } = lock;
    expect(checkContracts(older, MESSAGES)).toEqual([]);
  });

  it('reports a published type that is no longer defined', () => {
    const current = MESSAGES.filter((m) => m.type !== 'iot.button.pressed.v1');
    expect(checkContracts(lock, current)).toEqual([
      'iot.button.pressed.v1: published message type was removed (consumers and replayed topics still rely on it)',
    ]);
  });

  it('prefixes each breaking change with its message type', () => {
    const current = MESSAGES.map(({ type, schema }) =>
      type === 'payments.reserve-credit.v1'
        ? {
            type,
            schema: { ...schema, properties: { ...schema.properties, amountCentavos: { type: 'string' } } },
          }
        : { type, schema },
    );
    expect(checkContracts(lock, current)).toEqual([
      'payments.reserve-credit.v1: data.amountCentavos: type changed from integer to string',
      'payments.reserve-credit.v1: data.amountCentavos: minimum removed (was 1)',
    ]);
  });

  it('records the lock sorted by type, as plain JSON', () => {
    expect(Object.keys(lock)).toEqual(MESSAGES.map((m) => m.type).sort());
    expect(lock['payments.reserve-credit.v1']).toEqual(
      MESSAGES.find((m) => m.type === 'payments.reserve-credit.v1')?.schema,
    );
  });
});
