import { messageRegistry, type Envelope } from '@sportclub/contracts';
import type { Transaction } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import type { Highlight } from '../../domain/highlight';
import type { HighlightsRepositoryPort, RecordingStream } from '../ports/highlights.repository.port';
import { RecordPressHandler, type Press } from './record-press.handler';

const tx = {} as Transaction;

/** One club's courts: their recording streams and the highlights their presses made, in memory. */
class Courts implements Pick<
  HighlightsRepositoryPort,
  'lockRecordingStreams' | 'nearestPress' | 'membersOnCourt' | 'insert'
> {
  recording = new Map<string, RecordingStream[]>();
  highlights: (Highlight & { pressId: string })[] = [];

  async lockRecordingStreams(_tx: Transaction, tenantId: string, courtId: string) {
    return this.recording.get(`${tenantId}/${courtId}`) ?? [];
  }
  async nearestPress(_tx: Transaction, streamId: string, at: Date) {
    const presses = this.highlights.filter((h) => h.streamId === streamId).map((h) => new Date(h.pressedAt));
    presses.sort((a, b) => Math.abs(a.getTime() - at.getTime()) - Math.abs(b.getTime() - at.getTime()));
    return presses[0];
  }
  async membersOnCourt() {
    return ['ana'];
  }
  async insert(_tx: Transaction, h: Highlight, press: { pressId: string; deviceId: string }) {
    const id = `${press.deviceId}/${press.pressId}`;
    if (this.highlights.some((x) => x.streamId === h.streamId && x.pressId === id)) return false;
    this.highlights.push({ ...h, pressId: id });
    return true;
  }
}

function setup() {
  const courts = new Courts();
  const published: Envelope[] = [];
  const outbox = {
    publish: async (_tx: Transaction, m: Envelope | Envelope[]) => void published.push(...[m].flat()),
  };
  const handler = new RecordPressHandler(courts as unknown as HighlightsRepositoryPort, outbox, {
    HIGHLIGHT_DEBOUNCE_MS: 5_000,
  } as VideoConfig);
  return { courts, published, handler };
}

const press = (fields: Partial<Press> = {}): Press => ({
  tenantId: 'club-aurora',
  courtId: 'court-1',
  deviceId: 'panel-1',
  pressId: 'q-1',
  requestId: 'q-1',
  pressedAt: new Date().toISOString(),
  correlationId: 'flow-1',
  causationId: '5b0c7c1e-1a5e-4d8e-9a44-2f1f2c3d4e5f',
  ...fields,
});

describe('a press of the court button', () => {
  it('on a court with nothing recording is refused for the panel (no-recording), in its flow, and makes no clip', async () => {
    const s = setup();
    expect(await s.handler.execute(tx, press())).toBe('no-stream');
    expect(s.courts.highlights).toEqual([]);
    expect(s.published).toHaveLength(1);
    const [refusal] = s.published;
    expect(refusal).toMatchObject({
      type: 'video.highlight.refused.v1',
      source: '/sportclub/video',
      subject: 'panel-1',
      tenantid: 'club-aurora',
      correlationid: 'flow-1',
      causationid: '5b0c7c1e-1a5e-4d8e-9a44-2f1f2c3d4e5f',
      data: {
        deviceId: 'panel-1',
        requestId: 'q-1',
        courtId: 'court-1',
        code: 'no-recording',
        reason: expect.any(String),
      },
    });
    expect(messageRegistry.validate(refusal).ok).toBe(true);
  });

  it('refuses each press the panel makes (its repeat is answered by iot-bridge, which keeps the first refusal)', async () => {
    const s = setup();
    await s.handler.execute(tx, press());
    await s.handler.execute(tx, press({ pressId: 'q-2', requestId: 'q-2' }));
    expect(s.published.map((e) => (e.data as { requestId: string }).requestId)).toEqual(['q-1', 'q-2']);
  });

  it('without the panel’s request id (an older event) is only logged: nothing could name the answer', async () => {
    const s = setup();
    expect(await s.handler.execute(tx, press({ requestId: undefined, pressId: 'event-id' }))).toBe(
      'no-stream',
    );
    expect(s.published).toEqual([]);
  });

  it('from a device id no panel can have is only logged, never a failure to retry', async () => {
    const s = setup();
    await expect(s.handler.execute(tx, press({ deviceId: 'not a/panel' }))).resolves.toBe('no-stream');
    expect(s.published).toEqual([]);
  });

  it('on a recording court clips the play and refuses nothing', async () => {
    const s = setup();
    s.courts.recording.set('club-aurora/court-1', [
      {
        streamId: 'stream-1',
        cameraId: 'cam-1',
        recordingAssetId: 'asset-1',
        activeAt: new Date(Date.now() - 120_000).toISOString(),
      },
    ]);
    expect(await s.handler.execute(tx, press())).toBe('clipped');
    expect(s.published.map((e) => e.type)).toEqual(['video.clip-highlight.v1']);
    expect(await s.handler.execute(tx, press())).toBe('debounced');
    expect(s.published.map((e) => e.type)).toEqual(['video.clip-highlight.v1']);
  });

  it("of another club's court of the same name is refused in that club, whatever this one records", async () => {
    const s = setup();
    s.courts.recording.set('club-aurora/court-1', [
      { streamId: 's', cameraId: 'c', recordingAssetId: 'a', activeAt: new Date().toISOString() },
    ]);
    expect(await s.handler.execute(tx, press({ tenantId: 'club-boreal' }))).toBe('no-stream');
    expect(s.published).toMatchObject([{ type: 'video.highlight.refused.v1', tenantid: 'club-boreal' }]);
  });

  it("before the recording began is refused, not clipped from the recording's first 30 s (a replayed or late press)", async () => {
    const s = setup();
    const activeAt = Date.now() - 120_000;
    s.courts.recording.set('club-aurora/court-1', [
      { streamId: 's', cameraId: 'c', recordingAssetId: 'a', activeAt: new Date(activeAt).toISOString() },
    ]);
    const early = press({ pressedAt: new Date(activeAt - 3_600_000).toISOString() });
    expect(await s.handler.execute(tx, early)).toBe('no-stream');
    expect(s.published.map((e) => e.type)).toEqual(['video.highlight.refused.v1']);
    expect(s.courts.highlights).toEqual([]);
  });

  it('of two panels of one court numbering their requests alike makes a clip for each', async () => {
    const s = setup();
    s.courts.recording.set('club-aurora/court-1', [
      {
        streamId: 's',
        cameraId: 'c',
        recordingAssetId: 'a',
        activeAt: new Date(Date.now() - 120_000).toISOString(),
      },
    ]);
    const north = press({ deviceId: 'panel-north', pressedAt: new Date(Date.now() - 60_000).toISOString() });
    const south = press({ deviceId: 'panel-south', pressedAt: new Date(Date.now() - 30_000).toISOString() });
    expect(await s.handler.execute(tx, north)).toBe('clipped');
    expect(await s.handler.execute(tx, south)).toBe('clipped');
    expect(await s.handler.execute(tx, south)).toBe('debounced'); // its QoS 1 repeat
    expect(s.courts.highlights).toHaveLength(2);
  });
});
