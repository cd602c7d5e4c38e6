import { scanPayload } from './scan.payload';

describe('RFID scan payload', () => {
  const valid = { scan_id: 's-1', card_id: '04a2b3c4d5', timestamp: '2025-11-29T18:00:00-03:00' };

  it('accepts the firmware fields and compares card UIDs upper-case', () => {
    expect(scanPayload.parse(valid)).toEqual({ ...valid, card_id: '04A2B3C4D5' });
  });

  it.each([
    ['no scan id', { ...valid, scan_id: undefined }, 'scan_id'],
    ['a card UID that is not hex', { ...valid, card_id: 'ZZZZZZZZ' }, 'card_id'],
    ['a short UID', { ...valid, card_id: '04A2' }, 'card_id'],
    ['no clock', { ...valid, timestamp: 'yesterday' }, 'timestamp'],
  ])('refuses %s, naming the field', (_label, payload, field) => {
    const result = scanPayload.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([field]);
  });
});
