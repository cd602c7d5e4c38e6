import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, loadConfig, runMigrations } from '@sportclub/service-kit';
import {
  adminDatabaseUrl,
  createScratchDatabase,
  localServiceEnv,
  repoRoot,
  startService,
  type RunningService,
  type ScratchDatabase,
} from '@sportclub/testing';
import { videoConfigSchema } from '../../src/config/video.config';
import { VIDEO_MIGRATIONS } from '../../src/migrations';
import { MuxAdapter } from '../../src/shared/infrastructure/mux.adapter';
import { StreamsRepository } from '../../src/streams/infrastructure/streams.repository';

interface SandboxStream {
  id: string;
  status: string;
  passthrough?: string;
  stream_key: string;
  playback_ids: { id: string; policy: string }[];
  latency_mode?: string;
  reconnect_window?: number;
  new_asset_settings?: { playback_policies?: string[] };
}

/**
 * video's two infrastructure pieces on real parts: the Mux adapter (`@mux/mux-node` pointed at the partner
 * sandbox process) and the streams repository on a scratch PostgreSQL with video's schema.
 */
describe('video streams: Mux adapter and repository', () => {
  let sandbox: RunningService;
  let mux: MuxAdapter;
  let db: ScratchDatabase;
  let data: DataSource;
  const streams = () => new StreamsRepository(data);

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    mux = new MuxAdapter(
      loadConfig(videoConfigSchema, { ...localServiceEnv(repoRoot(), 'video'), MUX_API_URL: sandbox.url }),
    );
    db = await createScratchDatabase('video_streams');
    data = createDataSource(adminDatabaseUrl(db.name), VIDEO_MIGRATIONS);
    await data.initialize();
    await runMigrations(data);
  });
  afterAll(async () => {
    mux?.onApplicationShutdown();
    await data?.destroy();
    await db?.drop();
    await sandbox?.stop();
  });

  const sandboxStreams = async () =>
    (await (await fetch(`${sandbox.url}/__admin/mux/live-streams`)).json()) as SandboxStream[];

  it('creates a private, low-latency stream naming its court and session; a retry adopts it; completing ends it and refuses its key', async () => {
    const passthrough = {
      streamId: randomUUID(),
      tenantId: 'club-aurora',
      courtId: 'court-7',
      sessionId: 'session-1',
    };
    const created = await mux.createLiveStream('club-aurora', passthrough);
    expect(created).toMatchObject({
      vendorStreamId: expect.any(String),
      streamKey: expect.any(String),
      ingestUrl: 'rtmps://global-live.mux.com:443/app',
    });
    const atVendor = (await sandboxStreams()).find((s) => s.id === created.vendorStreamId)!;
    expect(atVendor).toMatchObject({
      latency_mode: 'low',
      reconnect_window: 60,
      new_asset_settings: { playback_policies: ['signed'] },
      stream_key: created.streamKey,
    });
    expect(atVendor.playback_ids).toEqual([{ id: created.playbackId, policy: 'signed' }]);
    expect(JSON.parse(atVendor.passthrough!)).toEqual({
      s: passthrough.streamId,
      t: 'club-aurora',
      c: 'court-7',
      x: 'session-1',
    });

    // The same stream asked again (a pass that crashed after the vendor answered): no second stream.
    const before = (await sandboxStreams()).length;
    expect(await mux.createLiveStream('club-aurora', passthrough)).toEqual(created);
    expect(await sandboxStreams()).toHaveLength(before);

    await mux.completeLiveStream('club-aurora', created.vendorStreamId);
    // Ended and its key refused from now on: the camera's key is worth nothing after the session.
    expect((await sandboxStreams()).find((s) => s.id === created.vendorStreamId)?.status).toBe('disabled');
    // Gone at the vendor already: nothing left to end, no error.
    const { MUX_TOKEN_ID, MUX_TOKEN_SECRET } = localServiceEnv(repoRoot(), 'video');
    await fetch(`${sandbox.url}/video/v1/live-streams/${created.vendorStreamId}`, {
      method: 'DELETE',
      headers: {
        authorization: `Basic ${Buffer.from(`${MUX_TOKEN_ID}:${MUX_TOKEN_SECRET}`).toString('base64')}`,
      },
    });
    await expect(mux.completeLiveStream('club-aurora', created.vendorStreamId)).resolves.toBeUndefined();
  });

  it('a clip asked again after its answer was lost is adopted, not made twice; its state is read back, and one Mux no longer has is gone', async () => {
    const created = await mux.createLiveStream('club-aurora', {
      streamId: randomUUID(),
      tenantId: 'club-aurora',
      courtId: 'court-8',
      sessionId: 'session-2',
    });
    const connect = await fetch(`${sandbox.url}/__admin/mux/encoders/${created.streamKey}/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: new Date(Date.now() - 120_000).toISOString() }),
    });
    expect(connect.status).toBe(200);
    const sandboxAssets = async () =>
      (await (await fetch(`${sandbox.url}/__admin/mux/assets`)).json()) as {
        id: string;
        live_stream_id?: string;
        passthrough?: string;
      }[];
    const recording = (await sandboxAssets()).find((a) => a.live_stream_id === created.vendorStreamId)!;
    const clip = { sourceAssetId: recording.id, startSeconds: 50, endSeconds: 80, highlightId: randomUUID() };

    const first = await mux.createClip('club-aurora', clip);
    const again = await mux.createClip('club-aurora', { ...clip, adoptExisting: true });
    expect(again).toEqual(first);
    const mine = (await sandboxAssets()).filter(
      (a) => a.passthrough === JSON.stringify({ h: clip.highlightId }),
    );
    expect(mine.map((a) => a.id)).toEqual([first.vendorAssetId]);
    // A first attempt that never reached Mux: the retry makes it.
    const other = { ...clip, highlightId: randomUUID(), adoptExisting: true };
    expect((await mux.createClip('club-aurora', other)).vendorAssetId).not.toBe(first.vendorAssetId);

    let state = await mux.getAsset('club-aurora', first.vendorAssetId);
    for (let i = 0; state.status === 'preparing' && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await mux.getAsset('club-aurora', first.vendorAssetId);
    }
    expect(state).toEqual({ status: 'ready', playbackId: expect.any(String), durationSeconds: 30 });
    await mux.deleteAsset('club-aurora', first.vendorAssetId);
    expect(await mux.getAsset('club-aurora', first.vendorAssetId)).toEqual({ status: 'gone' });
  });

  it('records sessions in any order and twice; a court is occupied only between a start and its end', async () => {
    const repo = streams();
    const court = `court-${randomUUID().slice(0, 6)}`;
    const fact = { tenantId: 'club-aurora', sessionId: randomUUID(), courtId: court, memberId: 'ana' };
    const state = () => data.transaction((tx) => repo.courtState(tx, 'club-aurora', court));

    // The end arrives before the start (another partition's lag): never occupied.
    await data.transaction((tx) => repo.recordSession(tx, { ...fact, endedAt: '2026-12-02T11:00:00Z' }));
    await data.transaction((tx) => repo.recordSession(tx, { ...fact, startedAt: '2026-12-02T10:00:00Z' }));
    expect(await state()).toEqual({ streams: [] });

    const second = { ...fact, sessionId: randomUUID() };
    for (const _ of [1, 2]) {
      await data.transaction((tx) =>
        repo.recordSession(tx, { ...second, startedAt: '2026-12-02T10:30:00Z' }),
      );
    }
    expect((await state()).openSessionId).toBe(second.sessionId);
    // Another club's court of the same name is another court.
    expect(await data.transaction((tx) => repo.courtState(tx, 'club-boreal', court))).toEqual({
      streams: [],
    });
  });

  it('leases due courts once; a session change during a pass keeps the court due', async () => {
    const repo = streams();
    const court = `court-${randomUUID().slice(0, 6)}`;
    const start = (sessionId: string) =>
      data.transaction((tx) =>
        repo.recordSession(tx, {
          tenantId: 'club-boreal',
          sessionId,
          courtId: court,
          memberId: 'davi',
          startedAt: new Date().toISOString(),
        }),
      );
    await start(randomUUID());
    const mine = <T extends { courtId: string }>(claimed: T[]) => claimed.filter((c) => c.courtId === court);
    const [claimed] = mine(await repo.claimCourts(100, 60_000));
    expect(claimed).toMatchObject({ tenantId: 'club-boreal', attempts: 0 });
    expect(mine(await repo.claimCourts(100, 60_000))).toEqual([]); // leased

    await start(randomUUID()); // a second player arrives during the pass
    await data.transaction((tx) => repo.settle(tx, claimed, 'done'));
    const [again] = mine(await repo.claimCourts(100, 60_000));
    expect(again).toBeDefined();

    // A failed pass: due again after its delay, attempts counted; a clean pass clears it.
    await data.transaction((tx) => repo.settle(tx, again, { retryInMs: 0, error: '503 from Mux' }));
    const [retry] = mine(await repo.claimCourts(100, 60_000));
    expect(retry).toMatchObject({ attempts: 1 });
    await data.transaction((tx) => repo.settle(tx, retry, 'done'));
    expect(mine(await repo.claimCourts(100, 0))).toEqual([]);
  });
});
