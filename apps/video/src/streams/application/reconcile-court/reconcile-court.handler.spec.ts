import type { Envelope } from '@sportclub/contracts';
import type { Transaction, Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import type { LiveStream } from '../../domain/court-streams';
import type { CameraStream, CamerasPort } from '../ports/cameras.port';
import type { ClaimedCourt, CourtState, StreamsRepositoryPort } from '../ports/streams.repository.port';
import type {
  CreatedLiveStream,
  StreamPassthrough,
  VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { ReconcileCourtsHandler } from './reconcile-court.handler';

const tx = {} as Transaction;
const transactions: Transactions = {
  run: (work) => work(tx),
  savepoint: (_tx, work) => work(tx),
  afterCommit: (_tx, then) => then(),
};

/** One court of club-aurora, its sessions and streams in memory. */
class Court implements StreamsRepositoryPort {
  openSessionId?: string = 'session-1';
  streams: LiveStream[] = [];
  settled: (string | { retryInMs: number; error: string })[] = [];
  due = true;
  attempts = 0;

  recordSession(): Promise<void> {
    throw new Error('not used');
  }
  recordRecording(): Promise<boolean> {
    throw new Error('not used');
  }
  async claimCourts(): Promise<ClaimedCourt[]> {
    if (!this.due) return [];
    this.due = false;
    return [{ tenantId: 'club-aurora', courtId: 'court-1', attempts: this.attempts, version: '1' }];
  }
  async courtState(): Promise<CourtState> {
    return {
      ...(this.openSessionId && { openSessionId: this.openSessionId }),
      streams: this.streams.filter((s) => s.status !== 'completed').map((s) => ({ ...s })),
    };
  }
  async insertCreating(_tx: Transaction, s: LiveStream): Promise<void> {
    this.streams.push({ ...s });
  }
  async markOpen(_tx: Transaction, streamId: string, vendorStreamId: string, playbackId: string) {
    Object.assign(
      this.streams.find((s) => s.streamId === streamId)!,
      {
        status: 'open',
        vendorStreamId,
        playbackId,
      },
    );
  }
  async markCompleted(_tx: Transaction, streamId: string) {
    this.streams.find((s) => s.streamId === streamId)!.status = 'completed';
  }
  async settle(
    _tx: Transaction,
    _court: ClaimedCourt,
    outcome: 'done' | { retryInMs: number; error: string },
  ) {
    this.settled.push(outcome);
    if (outcome !== 'done') this.attempts += 1;
  }
}

/** The vendor: streams by passthrough; `down` fails every call (as the resilience layer would report). */
class Vendor implements Pick<VideoPlatformPort, 'createLiveStream' | 'completeLiveStream'> {
  down = false;
  made: { id: string; passthrough: StreamPassthrough; completed: boolean }[] = [];

  async createLiveStream(_tenant: string, passthrough: StreamPassthrough): Promise<CreatedLiveStream> {
    if (this.down) throw new Error('503 from Mux');
    let stream = this.made.find((m) => m.passthrough.streamId === passthrough.streamId);
    if (!stream)
      this.made.push((stream = { id: `mux-${this.made.length + 1}`, passthrough, completed: false }));
    return {
      vendorStreamId: stream.id,
      streamKey: `key-${stream.id}`,
      ingestUrl: 'rtmps://ingest/app',
      playbackId: `pb-${stream.id}`,
    };
  }
  async completeLiveStream(_tenant: string, id: string): Promise<void> {
    if (this.down) throw new Error('503 from Mux');
    this.made.find((m) => m.id === id)!.completed = true;
  }
}

class Cameras implements CamerasPort {
  handed: [string, CameraStream | null][] = [];
  async camerasOf(): Promise<string[]> {
    return ['cam-a'];
  }
  async setStream(_tenant: string, cameraId: string, stream: CameraStream | null): Promise<boolean> {
    this.handed.push([cameraId, stream]);
    return true;
  }
}

function setup() {
  const court = new Court();
  const vendor = new Vendor();
  const cameras = new Cameras();
  const published: Envelope[] = [];
  const outbox = {
    publish: async (_tx: Transaction, m: Envelope | Envelope[]) => void published.push(...[m].flat()),
  };
  const handler = new ReconcileCourtsHandler(
    court,
    vendor as unknown as VideoPlatformPort,
    cameras,
    outbox,
    transactions,
    {
      STREAM_CONCURRENCY: 8,
    } as VideoConfig,
  );
  return { court, vendor, cameras, published, handler };
}

describe('reconciling a court (the worker, with the vendor and iot-bridge in memory)', () => {
  it('creates the occupied court’s stream, hands the key to its camera, then completes it when the court empties', async () => {
    const s = setup();
    await s.handler.execute();
    expect(s.vendor.made).toHaveLength(1);
    expect(s.vendor.made[0].passthrough).toMatchObject({
      tenantId: 'club-aurora',
      courtId: 'court-1',
      sessionId: 'session-1',
    });
    expect(s.cameras.handed).toEqual([
      [
        'cam-a',
        { streamId: s.court.streams[0].streamId, ingestUrl: 'rtmps://ingest/app', streamKey: 'key-mux-1' },
      ],
    ]);
    expect(s.court.streams[0]).toMatchObject({
      status: 'open',
      vendorStreamId: 'mux-1',
      playbackId: 'pb-mux-1',
    });
    expect(s.published.map((e) => e.type)).toEqual(['video.stream.created.v1']);

    s.court.due = true; // nothing changed: a second pass makes no second stream
    await s.handler.execute();
    expect(s.vendor.made).toHaveLength(1);

    s.court.openSessionId = undefined;
    s.court.due = true;
    await s.handler.execute();
    expect(s.vendor.made[0].completed).toBe(true);
    expect(s.cameras.handed.at(-1)).toEqual(['cam-a', null]);
    expect(s.published.map((e) => e.type)).toEqual(['video.stream.created.v1', 'video.stream.completed.v1']);
    expect(s.court.settled).toEqual(['done', 'done', 'done']);
  });

  it('vendor down: the pass fails, the court is due again with a growing delay, the stream comes when it is back', async () => {
    const s = setup();
    s.vendor.down = true;
    for (const _ of [1, 2, 3]) {
      s.court.due = true;
      await s.handler.execute();
    }
    expect(s.court.settled).toEqual([
      { retryInMs: 2_000, error: '503 from Mux' },
      { retryInMs: 4_000, error: '503 from Mux' },
      { retryInMs: 8_000, error: '503 from Mux' },
    ]);
    expect(s.cameras.handed).toEqual([]);
    s.vendor.down = false;
    s.court.due = true;
    await s.handler.execute();
    // The row written before the first failed call is the stream created now: one stream, one row.
    expect(s.court.streams).toHaveLength(1);
    expect(s.vendor.made).toHaveLength(1);
    expect(s.court.streams[0].status).toBe('open');
  });

  it('a stream a crash left `creating` is adopted at the vendor, not made twice', async () => {
    const s = setup();
    // The crashed pass: its row written and the stream made at the vendor, nothing recorded after.
    const orphan: LiveStream = {
      streamId: '6a1d1c0e-0000-4000-8000-000000000001',
      tenantId: 'club-aurora',
      courtId: 'court-1',
      cameraId: 'cam-a',
      sessionId: 'session-1',
      status: 'creating',
      createdAt: '2026-12-02T10:00:00.000Z',
    };
    s.court.streams.push(orphan);
    await s.vendor.createLiveStream('club-aurora', {
      streamId: orphan.streamId,
      tenantId: 'club-aurora',
      courtId: 'court-1',
      sessionId: 'session-1',
    });
    await s.handler.execute();
    expect(s.vendor.made).toHaveLength(1);
    expect(s.court.streams).toEqual([expect.objectContaining({ streamId: orphan.streamId, status: 'open' })]);
  });
});
