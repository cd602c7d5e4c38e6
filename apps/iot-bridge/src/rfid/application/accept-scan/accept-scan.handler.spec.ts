import { CollectedEvents, InMemoryDevices, InMemoryTransactions } from '../../../../test/support/in-memory';
import { InMemoryScans } from '../../../../test/support/in-memory-scans';
import { AcceptanceWindow } from '../../../shared/domain/acceptance-window';
import { ANSWERS } from '../../domain/scan-answer';
import { AcceptScanHandler } from './accept-scan.handler';

describe("a reader's scan", () => {
  let devices: InMemoryDevices;
  let scans: InMemoryScans;
  let events: CollectedEvents;
  let accept: AcceptScanHandler;
  const now = new Date('2026-01-01T12:00:00Z');
  const scan = (scanId: string, readerId = 'r1', scannedAt = new Date(now.getTime() - 1_000)) => ({
    readerId,
    scanId,
    cardId: '04A2B3C4D5',
    scannedAt,
    receivedAt: now,
  });

  beforeEach(() => {
    devices = new InMemoryDevices();
    devices.add({ deviceId: 'r1', tenantId: 'club-a', kind: 'rfid-reader', courtId: 'court-1' });
    scans = new InMemoryScans();
    events = new CollectedEvents();
    accept = new AcceptScanHandler(
      devices,
      scans,
      new InMemoryTransactions(),
      events,
      new AcceptanceWindow(60_000, 30_000),
      { RFID_ANSWER_DEADLINE_MS: 10_000 },
    );
  });

  it("is announced once in the reader's club, with the correlation id its row keeps", async () => {
    expect(await accept.execute(scan('s-1'))).toBeUndefined();
    expect(await accept.execute(scan('s-1'))).toBeUndefined();
    expect(events.events).toHaveLength(1);
    const [event] = events.events;
    expect(event).toMatchObject({
      type: 'iot.rfid.scanned.v1',
      tenantid: 'club-a',
      subject: 'r1',
      data: { readerId: 'r1', scanId: 's-1', cardId: '04A2B3C4D5', courtId: 'court-1' },
    });
    expect(scans.rows.get('r1/s-1')).toMatchObject({
      correlationId: event.correlationid,
      courtId: 'court-1',
    });
  });

  it('sends the answer again when a delivered scan is repeated', async () => {
    await accept.execute(scan('s-1'));
    const row = scans.rows.get('r1/s-1')!;
    Object.assign(row, { answer: ANSWERS.granted, deliveredAt: new Date() });
    await accept.execute(scan('s-1'));
    expect(row.deliveredAt).toBeNull();
  });

  it('answers at once a scan from a login that is no enabled reader, storing nothing', async () => {
    devices.add({ deviceId: 'p1', tenantId: 'club-a', kind: 'court-panel', courtId: 'court-1' });
    expect(await accept.execute(scan('s-1', 'p1'))).toBe(ANSWERS.unknownReader);
    expect(await accept.execute(scan('s-1', 'nobody'))).toBe(ANSWERS.unknownReader);
    expect(scans.rows.size).toBe(0);
    expect(events.events).toEqual([]);
  });

  it('stores a scan from three hours ago refused, with its answer to deliver, and announces nothing', async () => {
    const threeHoursAgo = new Date(now.getTime() - 3 * 3_600_000);
    expect(await accept.execute(scan('s-old', 'r1', threeHoursAgo))).toBeUndefined();
    expect(await accept.execute(scan('s-ahead', 'r1', new Date(now.getTime() + 120_000)))).toBeUndefined();
    expect(events.events).toEqual([]);
    expect(scans.rows.get('r1/s-old')).toMatchObject({
      answer: ANSWERS.expired,
      answeredBy: 'bridge',
      refusal: 'device-request-expired',
      deliveredAt: null,
    });
    expect(scans.rows.get('r1/s-ahead')).toMatchObject({
      answer: ANSWERS.clockAhead,
      refusal: 'device-clock-ahead',
    });
  });

  it('answers a late repeat of a scan it took with what that scan got, starting nothing new', async () => {
    await accept.execute(scan('s-1'));
    Object.assign(scans.rows.get('r1/s-1')!, { answer: ANSWERS.granted, deliveredAt: new Date() });
    await accept.execute({ ...scan('s-1'), receivedAt: new Date(now.getTime() + 3_600_000) });
    expect(events.events).toHaveLength(1);
    expect(scans.rows.get('r1/s-1')).toMatchObject({ answer: ANSWERS.granted, deliveredAt: null });
  });
});
