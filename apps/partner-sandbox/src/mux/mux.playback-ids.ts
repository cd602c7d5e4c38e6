import { Injectable } from '@nestjs/common';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { muxNotFound } from './mux.errors';
import { muxId } from './mux.ids';
import { playbackIdCreateSchema, requestedPolicies, type PlaybackPolicy } from './mux.params';

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

  /** `POST …/:id/playback-ids` of an asset or live stream (Mux's body `{policy}`): a new id on `owner`. */
  addTo(owner: { playbackIds: PlaybackId[] }, object: PlaybackTarget, body: unknown): PlaybackId {
    const { policy } = parseOrBadRequest(playbackIdCreateSchema, body ?? {}, 'invalid_parameters');
    const [allowed] = requestedPolicies({ playback_policies: [policy] });
    const playbackId = this.create(allowed, object);
    owner.playbackIds.push(playbackId);
    return playbackId;
  }

  /** `GET …/:id/playback-ids/:playbackId`: one of `owner`'s, else Mux's 404. */
  findIn(owner: { playbackIds: PlaybackId[] }, playbackId: string): PlaybackId {
    const found = owner.playbackIds.find((p) => p.id === playbackId);
    if (!found) throw muxNotFound();
    return found;
  }

  /** `DELETE …/:id/playback-ids/:playbackId`: it stops playing at once. */
  removeFrom(owner: { playbackIds: PlaybackId[] }, playbackId: string): void {
    this.findIn(owner, playbackId);
    owner.playbackIds = owner.playbackIds.filter((p) => p.id !== playbackId);
    this.remove(playbackId);
  }
}
