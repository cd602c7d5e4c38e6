import { ResilientCaller } from '@sportclub/resilience';
import { MuxAdapter } from './mux.adapter';

describe("Mux's asset objects as the port reads them", () => {
  const adapter = new MuxAdapter(
    {
      MUX_TOKEN_ID: 'id',
      MUX_TOKEN_SECRET: 'secret',
      MUX_INGEST_URL: 'rtmps://ingest',
      MUX_WEBHOOK_SECRETS: ['s'],
      MUX_PLAYBACK_URL: 'https://stream',
    },
    {} as ResilientCaller,
  );

  it('ready with its signed playback id and duration; ready without one cannot be played privately', () => {
    const ids = [
      { id: 'pub', policy: 'public' },
      { id: 'sig', policy: 'signed' },
    ];
    expect(adapter.assetOf({ status: 'ready', playback_ids: ids, duration: 30.02 })).toEqual({
      status: 'ready',
      playbackId: 'sig',
      durationSeconds: 30.02,
    });
    expect(adapter.assetOf({ status: 'ready', playback_ids: [ids[0]] })).toMatchObject({ status: 'errored' });
  });

  it("errored with Mux's messages; anything else is still being made", () => {
    expect(adapter.assetOf({ status: 'errored', errors: { messages: ['a', 'b'] } })).toEqual({
      status: 'errored',
      reason: 'a; b',
    });
    expect(adapter.assetOf({ status: 'errored' })).toEqual({ status: 'errored', reason: 'the clip errored' });
    expect(adapter.assetOf({ status: 'preparing' })).toEqual({ status: 'preparing' });
    expect(adapter.assetOf({})).toEqual({ status: 'preparing' });
  });
});
