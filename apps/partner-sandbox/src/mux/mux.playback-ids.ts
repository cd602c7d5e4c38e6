import { Injectable } from '@nestjs/common';
import { muxId } from './mux.ids';
import type { PlaybackPolicy } from './mux.params';

/** Mux's PlaybackId object, as assets and live streams list them. */
export interface PlaybackId {
  id: string;
  policy: PlaybackPolicy;
}

/** What a playback id plays: `GET /video/v1/playback-ids/:id` answers it. */
export interface PlaybackTarget {
  type: 'asset' | 'live_stream';
  id: string;
}

/**
 * Every playback id of the environment and what it plays (one asset or one live stream), so the
 * playback endpoint and `playback-ids/:id` find their target from the id alone, as stream.mux.com does.
 */
@Injectable()
export class MuxPlaybackIds {
  private readonly ids = new Map<string, PlaybackId & { object: PlaybackTarget }>();

  create(policy: PlaybackPolicy, object: PlaybackTarget): PlaybackId {
    const playbackId = { id: muxId(), policy };
    this.ids.set(playbackId.id, { ...playbackId, object });
    return playbackId;
  }

  /** `{ id, policy, object: { type, id } }`, or undefined for an unknown or deleted id. */
  get(id: string): (PlaybackId & { object: PlaybackTarget }) | undefined {
    return this.ids.get(id);
  }

  remove(id: string): void {
    this.ids.delete(id);
  }
}
