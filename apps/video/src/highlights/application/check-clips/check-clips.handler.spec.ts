import type { Envelope } from '@sportclub/contracts';
import type { Transaction, Transactions } from '@sportclub/service-kit';
import type { VendorAsset, VideoPlatformPort } from '../../../shared/application/ports/video-platform.port';
import type { Highlight } from '../../domain/highlight';
import { ClipOutcomes } from '../clip-outcomes';
import type { HighlightsRepositoryPort } from '../ports/highlights.repository.port';
import { CheckClipsHandler } from './check-clips.handler';

const tx = {} as Transaction;
const transactions = { run: (work: (t: Transaction) => unknown) => work(tx) } as unknown as Transactions;

const requested = (n: number, overdue = false): Highlight & { vendorAssetId: string; overdue: boolean } => ({
  highlightId: `h-${n}`,
  tenantId: 'club-aurora',
  courtId: 'court-1',
  streamId: 's-1',
  cameraId: 'cam-1',
  sourceAssetId: 'rec-1',
  pressedAt: '2026-12-02T10:00:00.000Z',
  startSeconds: 50,
  endSeconds: 80,
  memberIds: ['ana'],
  status: 'requested',
  vendorAssetId: `clip-${n}`,
  overdue,
});

/** Requested clips in memory, ended at most once (as the repository's status guards do). */
function setup(atVendor: Record<string, VendorAsset | Error>, due = [requested(1)]) {
  const ended = new Map<string, string>();
  const repo = {
    claimClipChecks: async () => due,
    markReady: async (_tx: Transaction, assetId: string) => {
      const h = due.find((d) => d.vendorAssetId === assetId);
      if (!h || ended.has(assetId)) return undefined;
      ended.set(assetId, 'ready');
      return h;
    },
    markFailed: async (_tx: Transaction, which: { vendorAssetId?: string }, error: string) => {
      const h = due.find((d) => d.vendorAssetId === which.vendorAssetId);
      if (!h || ended.has(h.vendorAssetId)) return undefined;
      ended.set(h.vendorAssetId, `failed: ${error}`);
      return h;
    },
  } as unknown as HighlightsRepositoryPort;
  const platform = {
    getAsset: async (_tenant: string, assetId: string) => {
      const answer = atVendor[assetId];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as VideoPlatformPort;
  const published: Envelope[] = [];
  const outbox = {
    publish: async (_tx: Transaction, m: Envelope | Envelope[]) => void published.push(...[m].flat()),
  };
  const handler = new CheckClipsHandler(repo, platform, new ClipOutcomes(repo, outbox), transactions, {
    CLIP_CHECK_AFTER_MS: 120_000,
  });
  return { handler, ended, published };
}

describe('looking up clips whose webhook has not come', () => {
  it('a clip ready at the vendor ends its highlight ready, once, with the event members are told by', async () => {
    const { handler, ended, published } = setup({
      'clip-1': { status: 'ready', playbackId: 'pb-1', durationSeconds: 30 },
    });
    expect(await handler.execute()).toBe(1);
    await handler.execute(); // looked up again (a second replica, a late pass): nothing more
    expect(ended.get('clip-1')).toBe('ready');
    expect(published.map((e) => [e.type, e.data])).toEqual([
      ['video.highlight.ready.v1', expect.objectContaining({ highlightId: 'h-1', durationSeconds: 30 })],
    ]);
  });

  it('errored or gone at the vendor fails it with the reason; still preparing leaves it, unless a day old', async () => {
    const { handler, ended, published } = setup(
      {
        'clip-1': { status: 'errored', reason: 'input outside the recording' },
        'clip-2': { status: 'gone' },
        'clip-3': { status: 'preparing' },
        'clip-4': { status: 'preparing' },
      },
      [requested(1), requested(2), requested(3), requested(4, true)],
    );
    await handler.execute();
    expect(Object.fromEntries(ended)).toEqual({
      'clip-1': 'failed: input outside the recording',
      'clip-2': 'failed: the clip is gone at the vendor',
      'clip-4': 'failed: the vendor had not finished the clip a day after the press',
    });
    expect(published.map((e) => e.type)).toEqual(Array(3).fill('video.highlight.failed.v1'));
  });

  it('a vendor fault on one clip leaves it for the next look and does not stop the others', async () => {
    const { handler, ended } = setup(
      {
        'clip-1': new Error('503 from Mux'),
        'clip-2': { status: 'ready', playbackId: 'pb-2', durationSeconds: 30 },
      },
      [requested(1), requested(2)],
    );
    await handler.execute();
    expect(Object.fromEntries(ended)).toEqual({ 'clip-2': 'ready' });
  });
});
